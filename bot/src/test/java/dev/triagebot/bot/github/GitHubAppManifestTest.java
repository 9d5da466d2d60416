package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The App manifest asks for what the bot needs, no more, in a form GitHub accepts. */
class GitHubAppManifestTest {
  static final Path MANIFEST = Path.of("../config/github-app-manifest.json");

  @Test
  void theManifestAsksForIssueWritesContentsAndMetadataReadsTheIssueEventsAndPushes() {
    JsonNode manifest = JsonMapper.builder().build().readTree(MANIFEST.toFile());

    assertThat(manifest.path("name").asString()).isNotBlank();
    assertThat(manifest.path("url").asString()).startsWith("https://");
    assertThat(manifest.path("hook_attributes").path("url").asString()).endsWith("/github/webhook");
    assertThat(manifest.path("public").asBoolean(true)).isFalse();
    assertThat(
            JsonMapper.builder()
                .build()
                .convertValue(manifest.path("default_permissions"), Map.class))
        .isEqualTo(Map.of("issues", "write", "metadata", "read", "contents", "read"));
    List<String> events =
        manifest.path("default_events").valueStream().map(JsonNode::asString).toList();
    // push: to read .github/triage-bot.yml again when it changes (contents: read reads it).
    assertThat(events).containsExactlyInAnyOrder("issues", "issue_comment", "push");
    // GitHub sends installation events to every App and rejects a manifest that lists them.
    assertThat(events).doesNotContain("installation", "installation_repositories");
  }
}
