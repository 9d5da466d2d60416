package dev.triagebot.bot.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Background threads of this process that died of something nobody caught (an {@link
 * OutOfMemoryError}, a bug): recorded so that health turns DOWN and stays DOWN, because after an
 * {@link Error} the process is no longer to be trusted even if the thread is started again. The
 * workers report here themselves; every other thread (the similar-index upkeep among them) is
 * caught by the JVM's default uncaught-exception handler, installed while this bean lives.
 */
@Component
public class ThreadDeaths implements InitializingBean, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ThreadDeaths.class);

  private final Clock clock;
  private final Map<String, String> deaths = new ConcurrentHashMap<>();
  private Thread.UncaughtExceptionHandler previous;
  private Thread.UncaughtExceptionHandler installed;

  public ThreadDeaths(Clock clock) {
    this.clock = clock;
  }

  /** Catches threads that die without a handler of their own; the previous handler still runs. */
  @Override
  public synchronized void afterPropertiesSet() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler chained = previous;
    installed =
        (thread, cause) -> {
          died(thread.getName(), cause);
          if (chained != null) {
            chained.uncaughtException(thread, cause);
          }
        };
    Thread.setDefaultUncaughtExceptionHandler(installed);
  }

  @Override
  public synchronized void destroy() {
    // Only undo our own: another context may have installed its handler on top since.
    if (Thread.getDefaultUncaughtExceptionHandler() == installed) {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  /** The thread named {@code thread} ended with {@code cause}. */
  public void died(String thread, Throwable cause) {
    Instant now = clock.instant();
    // The class only: a message may quote data (or, from a library, a header).
    deaths.put(thread, cause.getClass().getName() + " at " + now);
    log.error("background thread {} died; health is DOWN from now on", thread, cause);
  }

  /** Whether every background thread is as it was started. */
  public boolean none() {
    return deaths.isEmpty();
  }

  /** Which threads died of what, and when. */
  public Map<String, Object> details() {
    return new LinkedHashMap<>(deaths);
  }
}
