package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.webhook.WebhookFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stored payloads are compressed with LZ4 on PostgreSQL (migration V16), and read back as they
 * came. The PostgreSQL case needs {@code TRIAGE_TEST_POSTGRES_URL} (CI sets it) and skips loudly
 * otherwise.
 */
class PayloadCompressionTest {
  private static final String COMPRESSION =
      "SELECT attcompression FROM pg_attribute"
          + " WHERE attrelid = 'webhook_delivery'::regclass AND attname = 'payload'";

  @Test
  void postgresCompressesPayloadsWithLz4AndReadsThemBackWhole() {
    try (MigratedDatabase postgres = MigratedDatabase.postgres("compression")) {
      assertThat(postgres.jdbc().queryForObject(COMPRESSION, String.class)).isEqualTo("l");
      byte[] payload = WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json");
      store(postgres, payload);
      assertThat(
              postgres
                  .jdbc()
                  .queryForObject(
                      "SELECT pg_column_compression(payload) FROM webhook_delivery", String.class))
          .isEqualTo("lz4");
      assertThat(new DeliveryLog(postgres.jdbc()).find("d-1").orElseThrow().payload())
          .isEqualTo(payload);
    }
  }

  @Test
  void h2PassesTheMigrationByAndKeepsPayloadsWhole() {
    try (MigratedDatabase h2 = MigratedDatabase.h2()) {
      assertThat(
              h2.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '16'",
                      Long.class))
          .isOne();
      byte[] payload = WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json");
      store(h2, payload);
      assertThat(new DeliveryLog(h2.jdbc()).find("d-1").orElseThrow().payload()).isEqualTo(payload);
    }
  }

  private static void store(MigratedDatabase database, byte[] payload) {
    new DeliveryLog(database.jdbc())
        .insert(
            new StoredDelivery(
                "d-1",
                "issues",
                "opened",
                1L,
                "anthropics/claude-code",
                payload,
                Instant.parse("2026-12-02T16:00:00Z")));
  }
}
