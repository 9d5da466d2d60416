package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.triagebot.testing.SharedMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which pushes mean that a repository's configuration file changed. */
class ConfigPushTest {
  static final String FIXTURE = "/repoconfig/push-default-branch-config-changed.json";
  static final ObjectMapper JSON = new ObjectMapper();

  private final GitHubPayloads payloads = new GitHubPayloads();

  static byte[] fixture() {
    try (InputStream in = ConfigPushTest.class.getResourceAsStream(FIXTURE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode fixtureTree() throws IOException {
    return (ObjectNode) JSON.readTree(fixture());
  }

  @Test
  void theFixtureFollowsGitHubsPushSchema() throws IOException {
    Path bundled = SharedMaterial.require("github/webhooks/schemas/bundled-schema.json");
    ObjectNode schema = (ObjectNode) JSON.readTree(bundled.toFile());
    schema.remove("oneOf");
    schema.put("$ref", "#/definitions/push$event");

    assertThat(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(schema)
                .validate(JSON.readTree(fixture())))
        .isEmpty();
  }

  @Test
  void aPushToTheDefaultBranchThatModifiedTheFileIsAConfigChange() throws Exception {
    InboundPayload payload = payloads.read("push", fixture());

    assertThat(payload).isInstanceOf(InboundPayload.ConfigChange.class);
    assertThat(payload.envelope().repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(payload.envelope().installationId()).isEqualTo(1L);
  }

  @Test
  void addingOrRemovingTheFileIsAChangeToo() throws Exception {
    for (String list : new String[] {"added", "removed"}) {
      ObjectNode push = fixtureTree();
      ObjectNode commit = (ObjectNode) push.get("commits").get(1);
      commit.putArray("modified");
      commit.putArray(list).add(".github/triage-bot.yml");

      assertThat(payloads.read("push", JSON.writeValueAsBytes(push)))
          .as(list)
          .isInstanceOf(InboundPayload.ConfigChange.class);
    }
  }

  @Test
  void aPushToAnotherBranchIsIgnored() throws Exception {
    ObjectNode push = fixtureTree().put("ref", "refs/heads/try-config");

    InboundPayload payload = payloads.read("push", JSON.writeValueAsBytes(push));

    assertThat(payload)
        .isEqualTo(
            new InboundPayload.Ignored(
                payload.envelope(), "push to refs/heads/try-config, not the default branch"));
  }

  @Test
  void aPushThatLeftTheFileAloneIsIgnored() throws Exception {
    ObjectNode push = fixtureTree();
    ArrayNode commits = (ArrayNode) push.get("commits");
    commits.remove(1);

    assertThat(payloads.read("push", JSON.writeValueAsBytes(push)))
        .isInstanceOf(InboundPayload.Ignored.class)
        .extracting(p -> ((InboundPayload.Ignored) p).reason())
        .isEqualTo("push changed no .github/triage-bot.yml on the default branch");
  }

  @Test
  void aPushWhoseCommitsGitHubCouldNotAllListCountsAsAChange() throws Exception {
    ObjectNode push = fixtureTree();
    ArrayNode commits = push.putArray("commits");
    JsonNode unrelated = fixtureTree().get("commits").get(0);
    for (int i = 0; i < 2048; i++) {
      commits.add(unrelated);
    }

    assertThat(payloads.read("push", JSON.writeValueAsBytes(push)))
        .isInstanceOf(InboundPayload.ConfigChange.class);
  }

  @Test
  void aPushWithWronglyTypedFieldsIsRefusedNamingTheField() throws Exception {
    ObjectNode filesNotAList = fixtureTree();
    ((ObjectNode) filesNotAList.get("commits").get(0)).put("modified", "README.md");
    ObjectNode noDefaultBranch = fixtureTree();
    ((ObjectNode) noDefaultBranch.get("repository")).remove("default_branch");

    assertThatThrownBy(() -> payloads.read("push", JSON.writeValueAsBytes(filesNotAList)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("commits[0].modified: wrong type");
    assertThatThrownBy(() -> payloads.read("push", JSON.writeValueAsBytes(noDefaultBranch)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("repository.default_branch: missing");
  }
}
