package dev.triagebot.bot.webhook;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body into memory, refusing to hold more than a limit. */
final class BoundedBody {
  private BoundedBody() {}

  /**
   * All bytes of the stream, if there are at most {@code limit}. Reads one byte past the limit at
   * most, so an oversized or endless body costs no more memory than the limit.
   *
   * @throws PayloadTooLargeException when the stream holds more than {@code limit} bytes
   */
  static byte[] read(InputStream in, long limit) throws IOException {
    if (limit >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limit must fit in an array: " + limit);
    }
    byte[] body = in.readNBytes((int) limit + 1);
    if (body.length > limit) {
      throw new PayloadTooLargeException(limit);
    }
    return body;
  }

  /** The body is over the limit. */
  static final class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long limit) {
      super("payload larger than " + limit + " bytes");
    }
  }
}
