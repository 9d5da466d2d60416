package dev.triagebot.bot.webhook;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What ingress's synchronous callers and asynchronous answers share in reading a future. */
final class Futures {
  private Futures() {}

  /** The failure itself, unwrapped from the {@link CompletionException} a dependent stage adds. */
  static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause()
        : failure;
  }

  /** Waits for the value, throwing the failure as it was raised, not wrapped. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException failed) {
      if (cause(failed) instanceof RuntimeException raised) {
        throw raised;
      }
      throw new IllegalStateException(cause(failed));
    }
  }
}
