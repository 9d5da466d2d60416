package dev.triagebot.bot.queue;

import dev.triagebot.bot.github.GitHubProperties;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Describes a failure for the job table and the logs of the queue, with secrets taken out: the
 * configured ones by value, and anything shaped like a GitHub token, an authorization header or a
 * private key.
 */
public final class JobErrorText {
  /** The {@code last_error} column holds 2000 characters; leave room for the cause chain. */
  static final int MAX_LENGTH = 1000;

  private static final String REDACTED = "***";
  private static final List<Pattern> SECRET_SHAPES =
      List.of(
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
              Pattern.DOTALL),
          Pattern.compile("\\bgh[pousr]_[A-Za-z0-9_]{16,}"),
          Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{16,}"),
          Pattern.compile("(?i)\\b(bearer|token)\\s+[A-Za-z0-9._~+/=-]{16,}"),
          Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));

  private final List<String> secrets;

  /**
   * @param secrets values that must never appear; blank ones are ignored
   */
  public JobErrorText(List<String> secrets) {
    this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList();
  }

  /** Knows the secrets configured for GitHub. */
  public static JobErrorText of(GitHubProperties github) {
    return new JobErrorText(
        Stream.of(github.webhookSecret(), github.token(), github.privateKey()).toList());
  }

  /**
   * The failure's type and message, then those of its causes that add something, with secrets
   * removed.
   */
  public String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 5; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (t != failure && message != null && text.indexOf(message) >= 0) {
        continue; // wrappers often repeat their cause's message
      }
      if (t != failure) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (message != null) {
        text.append(": ").append(message);
      }
    }
    return redact(text.toString());
  }

  /** The text with secrets replaced, cut to {@value #MAX_LENGTH} characters. */
  public String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
    }
    for (Pattern shape : SECRET_SHAPES) {
      result = shape.matcher(result).replaceAll(REDACTED);
    }
    return result.length() <= MAX_LENGTH ? result : result.substring(0, MAX_LENGTH - 1) + "…";
  }
}
