package dev.triagebot.bot.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.triagebot.bot.queue.MigratedDatabase;
import dev.triagebot.bot.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write budget against the real store, on H2 and on PostgreSQL: sliding minute and hour per
 * installation, refusals that say when there is room again, and one budget for concurrent writers.
 */
class WriteBudgetTest {
  static final Instant START = Instant.parse("2026-12-01T08:00:05Z");

  final MutableClock clock = new MutableClock(START);
  MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private WriteBudget budget(String store, int perMinute, int perHour) {
    Supplier<MigratedDatabase> open =
        store.equals("h2") ? MigratedDatabase::h2 : () -> MigratedDatabase.postgres("budget");
    database = open.get();
    return sharing(perMinute, perHour);
  }

  /** Another replica's budget over the same store. */
  private WriteBudget sharing(int perMinute, int perHour) {
    return new WriteBudget(
        database.jdbc(),
        database.transaction(),
        clock,
        new WriteBudgetProperties(perMinute, perHour));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void theMinutesBudgetRefusesTheNextWriteUntilTheOldestLeavesTheWindow(String store) {
    WriteBudget budget = budget(store, 3, 100);
    budget.spend(7);
    clock.advance(Duration.ofSeconds(20));
    budget.spend(7);
    budget.spend(7);

    WriteBudget.Exhausted refused =
        catchThrowableOfType(WriteBudget.Exhausted.class, () -> budget.spend(7));

    // the first write's bucket (08:00:00-08:00:10) counts until a minute after its end
    assertThat(refused.until()).isEqualTo(Instant.parse("2026-12-01T08:01:10Z"));
    assertThat(refused.installationId()).isEqualTo(7);
    assertThat(refused).hasMessageContaining("3 a minute");
    assertThat(budget.deferrals()).isEqualTo(1);
    clock.set(refused.until().minusSeconds(1));
    assertThatThrownBy(() -> budget.spend(7)).isInstanceOf(WriteBudget.Exhausted.class);
    assertThat(budget.deferUntil(7)).contains(refused.until());
    assertThat(budget.deferrals()).isEqualTo(3);
    clock.set(refused.until());
    assertThat(budget.deferUntil(7)).isEmpty();
    budget.spend(7);
    assertThat(budget.deferrals()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void theHoursBudgetHoldsAcrossMinutesAndEachInstallationHasItsOwn(String store) {
    WriteBudget budget = budget(store, 3, 5);
    budget.spend(1);
    budget.spend(1);
    budget.spend(1);
    clock.advance(Duration.ofMinutes(2));
    budget.spend(1);
    budget.spend(1);
    clock.advance(Duration.ofMinutes(2));

    WriteBudget.Exhausted refused =
        catchThrowableOfType(WriteBudget.Exhausted.class, () -> budget.spend(1));

    assertThat(refused.until()).isEqualTo(Instant.parse("2026-12-01T09:00:10Z"));
    budget.spend(2);
    clock.set(refused.until());
    budget.spend(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void replicasWritingAtOnceShareOneBudget(String store) throws Exception {
    budget(store, 10, 100);
    List<WriteBudget> replicas = List.of(sharing(10, 100), sharing(10, 100), sharing(10, 100));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Boolean>> writers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        WriteBudget replica = replicas.get(i % replicas.size());
        writers.add(
            () -> {
              try {
                replica.spend(42);
                return true;
              } catch (WriteBudget.Exhausted spent) {
                return false;
              }
            });
      }
      int granted = 0;
      for (Future<Boolean> write : pool.invokeAll(writers, 60, TimeUnit.SECONDS)) {
        granted += write.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(10);
      assertThat(replicas.stream().mapToLong(WriteBudget::deferrals).sum()).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
