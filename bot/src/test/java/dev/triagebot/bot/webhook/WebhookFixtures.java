package dev.triagebot.bot.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The payload files under {@code src/test/resources/webhooks}, named {@code
 * <event>-<action>-<scenario>.json}.
 */
public final class WebhookFixtures {
  private WebhookFixtures() {}

  /** The raw bytes of a fixture, as GitHub would send them. */
  public static byte[] bytes(String name) {
    try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture webhooks/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
