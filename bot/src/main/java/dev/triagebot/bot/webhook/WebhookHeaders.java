package dev.triagebot.bot.webhook;

/** The names of GitHub's webhook request headers, and the size GitHub caps a delivery at. */
public final class WebhookHeaders {
  /** HMAC-SHA256 of the raw body with the webhook secret, as {@code sha256=<hex>}. */
  public static final String SIGNATURE = "X-Hub-Signature-256";

  /** The event name, e.g. {@code issues}. */
  public static final String EVENT = "X-GitHub-Event";

  /** A unique id per delivery, kept when a delivery is redelivered. */
  public static final String DELIVERY = "X-GitHub-Delivery";

  /** GitHub caps payloads at 25 MB; anything bigger did not come from GitHub. */
  public static final long MAX_PAYLOAD_BYTES = 25L * 1024 * 1024;

  private WebhookHeaders() {}
}
