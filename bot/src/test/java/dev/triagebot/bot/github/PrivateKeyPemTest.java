package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

class PrivateKeyPemTest {

  @Test
  void aPkcs8KeyIsReadAsIs() {
    PrivateKey key = PrivateKeyPem.parse(TestKeys.pkcs8Pem());

    assertThat(key.getEncoded()).isEqualTo(TestKeys.PAIR.getPrivate().getEncoded());
  }

  @Test
  void aPkcs1KeyAsGitHubIssuesItIsWrappedIntoTheSameKey() {
    String pem = TestKeys.pkcs1Pem();
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    PrivateKey key = PrivateKeyPem.parse(pem);

    assertThat(key.getEncoded()).isEqualTo(TestKeys.PAIR.getPrivate().getEncoded());
  }

  @Test
  void surroundingTextAndWindowsLineEndsAreTolerated() {
    String pem = "Key for triage-bot\r\n" + TestKeys.pkcs1Pem().replace("\n", "\r\n");

    assertThat(PrivateKeyPem.parse(pem).getEncoded())
        .isEqualTo(TestKeys.PAIR.getPrivate().getEncoded());
  }

  @Test
  void somethingElseIsRefusedWithoutQuotingIt() {
    String secretLooking =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----";

    assertThatThrownBy(() -> PrivateKeyPem.parse(secretLooking))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BEGIN RSA PRIVATE KEY")
        .hasMessageNotContaining("b3BlbnNzaC1rZXktdjEAAAA");
  }

  @Test
  void aCorruptKeyIsRefusedWithoutQuotingIt() {
    String corrupt =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----";

    assertThatThrownBy(() -> PrivateKeyPem.parse(corrupt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(
            "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu");
  }
}
