package dev.triagebot.bot.config;

import dev.triagebot.bot.github.GitHubOperations;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application's one GitHub client, built on first use and only when credentials are configured:
 * the executor writes through it, review reads through it (roles, reactions) even in dry-run.
 */
public final class GitHubConnection {
  private final boolean configured;
  private final Supplier<GitHubOperations> connect;
  private GitHubOperations operations;

  public GitHubConnection(boolean configured, Supplier<GitHubOperations> connect) {
    this.configured = configured;
    this.connect = connect;
  }

  /** The client, if credentials are configured. */
  public synchronized Optional<GitHubOperations> operations() {
    if (!configured) {
      return Optional.empty();
    }
    if (operations == null) {
      operations = connect.get();
    }
    return Optional.of(operations);
  }

  /** The client; without credentials, fails saying which settings are missing. */
  public synchronized GitHubOperations require() {
    if (operations == null) {
      // connect() itself names the missing settings when there are none.
      operations = connect.get();
    }
    return operations;
  }
}
