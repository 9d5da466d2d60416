package dev.triagebot.bot.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** {@code TIMESTAMP WITH TIME ZONE} values in the form both H2 and PostgreSQL drivers accept. */
public final class Timestamps {
  private Timestamps() {}

  public static OffsetDateTime toColumn(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant fromColumn(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
