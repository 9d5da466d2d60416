package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triagebot.bot.webhook.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final WebhookSignature signature =
      new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));
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
  void reasonsNeverContainTheSecretNorTheSignatureItExpects() {
    // Reasons go back to whoever posted, so they must leak neither the secret nor the signature the
    // body should have had (with it, a forger could sign that body). Headers that carry both give
    // a reason that echoed its input every chance to leak them.
    String secret = SECRET;
    String expected = signature.sign(body);
    List<String> headers =
        List.of(
            expected,
            "",
            secret,
            "sha256=" + secret,
            expected.substring(0, expected.length() - 1) + "z",
            signature.sign("Hello, World?".getBytes(StandardCharsets.UTF_8)),
            expected + " " + secret);

    Map<Verdict, String> reasons = new EnumMap<>(Verdict.class);
    for (String header : headers) {
      Verdict verdict = signature.verify(body, header);
      reasons.put(verdict, verdict.reason());
    }

    assertThat(reasons).as("every verdict was produced").containsOnlyKeys(Verdict.values());
    assertThat(reasons.values())
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .isNotBlank()
                    .doesNotContain(secret)
                    .doesNotContain(expected.substring(7)));
  }
}
