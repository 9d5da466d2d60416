package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void readsABodyUpToTheLimit() throws IOException {
    byte[] body = {1, 2, 3, 4};

    assertThat(BoundedBody.read(new ByteArrayInputStream(body), 4)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void refusesABodyOneByteOverTheLimit() {
    assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(new byte[5]), 4))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
  }

  @Test
  void stopsReadingAnEndlessBodyJustPastTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    assertThatThrownBy(() -> BoundedBody.read(endless, 1000))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
    assertThat(endless.served).isEqualTo(1001);
  }

  /** A body without end, such as a chunked request that never stops. */
  private static final class CountingEndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 'x';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
      served += length;
      return length;
    }
  }
}
