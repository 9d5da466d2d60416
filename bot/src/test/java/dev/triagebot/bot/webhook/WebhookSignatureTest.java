package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.webhook.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private final WebhookSignature signature =
      new WebhookSignature("It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8));
  private final byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsAsGitHubsDocumentedExample() {
    // The example in GitHub's "Validating webhook deliveries" documentation.
    assertThat(signature.sign(body))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void acceptsTheSignatureOfTheExactBody() {
    assertThat(signature.verify(body, signature.sign(body))).isEqualTo(Verdict.VALID);
  }

  @Test
  void acceptsUpperCaseHex() {
    String upper = "sha256=" + signature.sign(body).substring(7).toUpperCase();

    assertThat(signature.verify(body, upper)).isEqualTo(Verdict.VALID);
  }

  @Test
  void refusesTheSignatureOfAnotherBody() {
    String other = signature.sign("Hello, World?".getBytes(StandardCharsets.UTF_8));

    assertThat(signature.verify(body, other)).isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    String forged = new WebhookSignature("dev-secret".getBytes(StandardCharsets.UTF_8)).sign(body);

    assertThat(signature.verify(body, forged)).isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void reportsAMissingSignature() {
    assertThat(signature.verify(body, null)).isEqualTo(Verdict.MISSING);
    assertThat(signature.verify(body, " ")).isEqualTo(Verdict.MISSING);
  }

  @Test
  void reportsMalformedSignatures() {
    String valid = signature.sign(body);

    assertThat(signature.verify(body, valid.substring(7))).isEqualTo(Verdict.MALFORMED);
    assertThat(signature.verify(body, "sha1=" + valid.substring(7))).isEqualTo(Verdict.MALFORMED);
    assertThat(signature.verify(body, valid.substring(0, valid.length() - 2)))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(signature.verify(body, "sha256=" + "zz".repeat(32))).isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void reasonsNeverContainTheSecret() {
    for (Verdict verdict : Verdict.values()) {
      assertThat(verdict.reason()).doesNotContain("Secret to Everybody");
    }
  }
}
