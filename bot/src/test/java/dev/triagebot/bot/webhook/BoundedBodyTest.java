package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private static final BoundedBody.Sink NOWHERE = (chunk, offset, length) -> {};

  private final BodyBudget budget = new BodyBudget(1 << 20);

  @Test
  void readsABodyUpToTheLimit() throws IOException {
    byte[] body = {1, 2, 3, 4};

    assertThat(read(new ByteArrayInputStream(body), 4, 4)).containsExactly(1, 2, 3, 4);
    assertThat(read(new ByteArrayInputStream(body), -1, 4)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void refusesABodyOneByteOverTheLimit() {
    assertThatThrownBy(() -> read(new ByteArrayInputStream(new byte[5]), -1, 4))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
    assertThatThrownBy(() -> read(new ByteArrayInputStream(new byte[5]), 4, 4))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
  }

  @Test
  void refusesADeclaredOversizeBodyWithoutReadingIt() {
    CountingEndlessStream endless = new CountingEndlessStream();

    assertThatThrownBy(() -> read(endless, 5, 4))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
    assertThat(endless.served).isZero();
  }

  @Test
  void stopsReadingAnEndlessBodyJustPastTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    assertThatThrownBy(() -> read(endless, -1, 1000))
        .isInstanceOf(BoundedBody.PayloadTooLargeException.class);
    assertThat(endless.served).isEqualTo(1001);
  }

  @Test
  void anUndeclaredBodyGrowsPastTheFirstChunkAndKeepsEveryByte() throws IOException {
    byte[] body = new byte[BoundedBody.FIRST_CHUNK * 3 + 17];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }

    assertThat(read(new ByteArrayInputStream(body), -1, body.length)).isEqualTo(body);
  }

  @Test
  void aBodyTheSharedBudgetCannotHoldIsRefusedBeforeItIsRead() {
    BodyBudget small = new BodyBudget(100);
    CountingEndlessStream endless = new CountingEndlessStream();
    try (BodyBudget.Reservation other = small.open()) {
      assertThat(other.resize(60)).isTrue();

      try (BodyBudget.Reservation mine = small.open()) {
        assertThatThrownBy(() -> BoundedBody.read(endless, 50, 1000, mine, NOWHERE))
            .isInstanceOf(BoundedBody.BudgetSpentException.class);
      }
    }
    assertThat(endless.served).isZero();
    assertThat(small.available()).isEqualTo(100);
  }

  @Test
  void theSignatureIsCheckedChunkByChunkAsTheBodyArrives() throws IOException {
    WebhookSignature signature = new WebhookSignature("s".getBytes(StandardCharsets.UTF_8));
    byte[] body = new byte[BoundedBody.FIRST_CHUNK * 2 + 5];
    java.util.Arrays.fill(body, (byte) 'x');

    WebhookSignature.Check check = signature.check(signature.sign(body));
    try (BodyBudget.Reservation reservation = budget.open()) {
      BoundedBody.read(new ByteArrayInputStream(body), -1, body.length, reservation, check);
    }

    assertThat(check.finish()).isEqualTo(WebhookSignature.Verdict.VALID);
    assertThat(budget.available()).isEqualTo(budget.total());
  }

  private byte[] read(InputStream in, long declared, long limit) throws IOException {
    try (BodyBudget.Reservation reservation = budget.open()) {
      return BoundedBody.read(in, declared, limit, reservation, NOWHERE);
    }
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
