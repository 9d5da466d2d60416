package dev.triagebot.bot.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobErrorTextTest {
  private final JobErrorText errors = new JobErrorText(List.of("configured-secret-value"));

  @Test
  void describesTheFailureAndTheCausesThatAddSomething() {
    RuntimeException failure =
        new IllegalStateException(
            "could not post the comment",
            new IOException("Server returned HTTP response code: 502"));

    assertThat(errors.describe(failure))
        .isEqualTo(
            "IllegalStateException: could not post the comment"
                + " <- IOException: Server returned HTTP response code: 502");
  }

  @Test
  void skipsCausesWhoseMessageTheWrapperAlreadyRepeats() {
    IOException cause = new IOException("connect timed out");

    assertThat(errors.describe(new RuntimeException("connect timed out", cause)))
        .isEqualTo("RuntimeException: connect timed out");
  }

  @Test
  void removesConfiguredSecretsAndAnythingShapedLikeACredential() {
    String text =
        errors.redact(
            "secret configured-secret-value, token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789,"
                + " fine-grained github_pat_11ABCDEFG0123456789_abcdefghijklmnop,"
                + " header Authorization: Bearer v1.0123456789abcdef0123456789abcdef,"
                + " jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjMifQ.c2lnbmF0dXJl,"
                + " key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE"
                + " KEY----- done");

    assertThat(text)
        .doesNotContain("configured-secret-value")
        .doesNotContain("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")
        .doesNotContain("github_pat_11ABCDEFG0123456789_abcdefghijklmnop")
        .doesNotContain("v1.0123456789abcdef0123456789abcdef")
        .doesNotContain("eyJhbGciOiJSUzI1NiJ9")
        .doesNotContain("MIIEowIBAAKCAQEA")
        .contains("secret ***")
        .endsWith("done");
  }

  @Test
  void cutsVeryLongTextsToTheColumnsRoom() {
    String text = errors.redact("x".repeat(5_000));

    assertThat(text).hasSize(JobErrorText.MAX_LENGTH);
  }
}
