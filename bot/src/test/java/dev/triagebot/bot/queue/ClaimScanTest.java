package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claiming reads the few due jobs it needs, not the jobs done before them nor the whole backlog:
 * every worker claims before every job, so a claim whose cost grows with the store or the backlog
 * makes draining a backlog quadratic. With the queued-or-lapsed OR in one query H2 read every older
 * job on each claim; with the (status, run_at) index it sorted every due job by id to take eight.
 */
class ClaimScanTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final MigratedDatabase database = MigratedDatabase.h2();
  private final JobQueue queue = new JobQueue(database.jdbc(), clock);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theOldestDueJobsAreFoundWithoutReadingTheTwoThousandDoneBeforeThem() {
    // given 2,000 jobs done and then 3 queued
    for (int n = 0; n < 2_003; n++) {
      database.queueIssueDelivery(queue, "d-" + n, T0, "acme/widgets#" + n);
    }
    database.jdbc().update("UPDATE triage_job SET status = 'done' WHERE id <= 2000");

    // when H2 plans and runs the claim's search for queued jobs that are due, it reads about the
    // jobs it returns, and the claim takes the oldest of them
    assertThatTheClaimSearchReadsAtMost(10);
    assertThat(queue.claimNext("worker-1", Duration.ofSeconds(30)).orElseThrow().id())
        .isEqualTo(2001);
  }

  @Test
  void theOldestDueJobsAreFoundWithoutSortingABacklogOfTwoThousand() {
    // given 2,000 queued jobs, all due, as a burst leaves them
    for (int n = 0; n < 2_000; n++) {
      database.queueIssueDelivery(queue, "d-" + n, T0, "acme/widgets#" + n);
    }

    // when H2 plans and runs the claim's search for queued jobs that are due, it reads about the
    // eight it returns, in id order
    assertThatTheClaimSearchReadsAtMost(10);
    assertThat(queue.claimNext("worker-1", Duration.ofSeconds(30)).orElseThrow().id()).isEqualTo(1);
  }

  /** The claim's search for queued jobs due at T0 reads at most {@code rows} rows on H2. */
  private void assertThatTheClaimSearchReadsAtMost(int rows) {
    database.assertReadsAtMost(
        rows, JobQueue.candidatesQuery(JobQueue.QUEUED_DUE), Timestamps.toColumn(T0));
  }
}
