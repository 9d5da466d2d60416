package dev.triagebot.bot.repoconfig;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of per-repository configuration, under {@code triage.repo-config}.
 *
 * @param recheckAfter how long a configuration file read is used before GitHub is asked whether it
 *     changed (a conditional request: 304 costs no rate limit). A push that changes the file makes
 *     the bot read it at once; this bounds the wait when such a push is missed, e.g. in an
 *     organisation's {@code .github} repository the App is not installed on
 */
public record RepositoryConfigProperties(@NotNull @DefaultValue("10m") Duration recheckAfter) {
  public RepositoryConfigProperties {
    if (recheckAfter != null && recheckAfter.isNegative()) {
      throw new IllegalArgumentException(
          "triage.repo-config.recheck-after must not be negative: " + recheckAfter);
    }
  }
}
