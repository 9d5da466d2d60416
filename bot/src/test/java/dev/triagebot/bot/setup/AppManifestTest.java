package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The manifest sent to GitHub is the reviewed file with only this deployment's addresses set. */
class AppManifestTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theWebhookAndReturnAddressesAreFilledInAndNothingElseChanges() {
    String sent =
        AppManifest.fromClasspath()
            .forDeployment(
                URI.create("https://bot.example.org/github/webhook"),
                URI.create("http://localhost:8080/setup/created"));

    JsonNode manifest = JSON.readTree(sent);
    assertThat(manifest.path("hook_attributes").path("url").asString())
        .isEqualTo("https://bot.example.org/github/webhook");
    assertThat(manifest.path("redirect_url").asString())
        .isEqualTo("http://localhost:8080/setup/created");
    ObjectNode reviewed =
        (ObjectNode) JSON.readTree(Path.of("../config/github-app-manifest.json").toFile());
    ObjectNode rest = ((ObjectNode) manifest).deepCopy();
    for (ObjectNode m : new ObjectNode[] {reviewed, rest}) {
      ((ObjectNode) m.get("hook_attributes")).remove("url");
      m.remove("redirect_url");
    }
    assertThat(rest).isEqualTo(reviewed);
  }

  @Test
  void anAddressGitHubCannotUseIsRefused() {
    AppManifest manifest = AppManifest.fromClasspath();
    URI back = URI.create("http://localhost:8080/setup/created");

    assertThatThrownBy(() -> manifest.forDeployment(URI.create("/github/webhook"), back))
        .hasMessageContaining("webhook URL must be an absolute http(s) address");
    assertThatThrownBy(
            () -> manifest.forDeployment(URI.create("javascript:alert(1)//github/webhook"), back))
        .hasMessageContaining("absolute http(s)");
  }
}
