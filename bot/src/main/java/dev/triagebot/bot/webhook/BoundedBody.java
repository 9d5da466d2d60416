package dev.triagebot.bot.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory within two bounds: no more than a limit for this body, and no
 * more than its {@link BodyBudget.Reservation} allows across requests. Each chunk also goes to the
 * signature check as it arrives, so the bytes are read once.
 */
final class BoundedBody {
  /** The first buffer when the length is not declared; it doubles as the body grows. */
  static final int FIRST_CHUNK = 64 * 1024;

  private BoundedBody() {}

  /** Where each chunk goes as it is read, such as an HMAC. */
  interface Sink {
    void update(byte[] chunk, int offset, int length);
  }

  /**
   * All bytes of the stream, if there are at most {@code limit}. With a declared length the buffer
   * is that size from the start; without one it grows, reserving each step first. Reads one byte
   * past the limit at most.
   *
   * @param declared the {@code Content-Length}, or -1 when the request declares none
   * @throws PayloadTooLargeException when the stream holds more than {@code limit} bytes
   * @throws BudgetSpentException when the reservation cannot grow to hold what is read
   */
  static byte[] read(
      InputStream in, long declared, long limit, BodyBudget.Reservation budget, Sink sink)
      throws IOException {
    if (limit >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limit must fit in an array: " + limit);
    }
    if (declared > limit) {
      throw new PayloadTooLargeException(limit);
    }
    int capacity = declared >= 0 ? (int) declared : (int) Math.min(FIRST_CHUNK, limit + 1);
    reserve(budget, capacity);
    byte[] buffer = new byte[capacity];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        int next = in.read();
        if (next < 0) {
          return buffer;
        }
        if (size >= limit) {
          throw new PayloadTooLargeException(limit);
        }
        int grown = (int) Math.min(Math.max(2L * buffer.length, FIRST_CHUNK), limit + 1);
        // Old and new buffer live side by side while copying: reserve both, then let go of one.
        reserve(budget, buffer.length + grown);
        buffer = Arrays.copyOf(buffer, grown);
        budget.resize(grown);
        buffer[size] = (byte) next;
        sink.update(buffer, size, 1);
        size++;
        continue;
      }
      int read = in.read(buffer, size, buffer.length - size);
      if (read < 0) {
        // Shorter than declared: the container ends the stream early only on a broken request.
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      }
      sink.update(buffer, size, read);
      size += read;
      if (size > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }
  }

  private static void reserve(BodyBudget.Reservation budget, int bytes)
      throws BudgetSpentException {
    if (!budget.resize(bytes)) {
      throw new BudgetSpentException();
    }
  }

  /** The body is over the limit. */
  static final class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long limit) {
      super("payload larger than " + limit + " bytes");
    }
  }

  /** Other requests hold the bytes this one would need. */
  static final class BudgetSpentException extends IOException {
    BudgetSpentException() {
      super("too many bodies are being read at once");
    }
  }
}
