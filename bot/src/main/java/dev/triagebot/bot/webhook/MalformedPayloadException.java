package dev.triagebot.bot.webhook;

/** A body that is not the JSON GitHub sends for its event; the message is safe to send back. */
public final class MalformedPayloadException extends Exception {
  public MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
