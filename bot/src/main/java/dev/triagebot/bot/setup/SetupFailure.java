package dev.triagebot.bot.setup;

/**
 * Setup could not finish; the message is meant for the operator's page and the log, so it never
 * holds the code or a credential.
 */
public final class SetupFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public SetupFailure(String message) {
    super(message);
  }

  public SetupFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
