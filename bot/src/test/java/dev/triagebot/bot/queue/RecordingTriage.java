package dev.triagebot.bot.queue;

import dev.triagebot.bot.triage.IssueEvent;
import dev.triagebot.bot.triage.IssueTriage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A triage that records every event it is given and, for scripted calls, throws: each scripted
 * failure is used once, in order; after them every call succeeds.
 */
public final class RecordingTriage implements IssueTriage {
  private final List<IssueEvent> events = new CopyOnWriteArrayList<>();
  private final Deque<Function<IssueEvent, RuntimeException>> failures = new ArrayDeque<>();
  private RuntimeException always;

  /** The next call fails with this exception (after failures scripted before). */
  public synchronized RecordingTriage thenFail(Function<IssueEvent, RuntimeException> failure) {
    failures.addLast(failure);
    return this;
  }

  /** Every call fails with this exception. */
  public synchronized RecordingTriage alwaysFail(RuntimeException failure) {
    always = failure;
    return this;
  }

  /** Calls succeed from now on. */
  public synchronized void recover() {
    always = null;
    failures.clear();
  }

  @Override
  public synchronized void triage(IssueEvent event) {
    events.add(event);
    if (always != null) {
      throw always;
    }
    Function<IssueEvent, RuntimeException> failure = failures.pollFirst();
    if (failure != null) {
      throw failure.apply(event);
    }
  }

  /** Every event received, including those of failed calls, in order. */
  public List<IssueEvent> events() {
    return List.copyOf(events);
  }

  /** Events received for one delivery. */
  public List<IssueEvent> eventsFor(String deliveryId) {
    return events.stream().filter(e -> e.deliveryId().equals(deliveryId)).toList();
  }
}
