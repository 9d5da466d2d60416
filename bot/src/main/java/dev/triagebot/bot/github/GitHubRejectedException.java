package dev.triagebot.bot.github;

/**
 * GitHub refused a request in a way that waiting does not fix: the issue or comment is gone (404,
 * 410), the request was invalid (422), or the App lacks a permission (401, 403 that is not a rate
 * limit). Retrying the job cannot succeed; it is parked for a person to look at.
 */
public final class GitHubRejectedException extends RuntimeException {
  private final int status;

  public GitHubRejectedException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status GitHub answered with. */
  public int status() {
    return status;
  }
}
