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
  void aPushToTheDefaultBranchIsKeptForTheGroupCommitToRead() throws Exception {
    DeliveryFacts facts = DeliveryScan.scan("push", fixture());

    DeliveryRoute route = DeliveryRoute.of("push", facts);

    assertThat(route.configPush()).isTrue();
    assertThat(route.ignored()).isFalse();
    assertThat(route.job()).isNull();
    assertThat(facts.repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(facts.installationId()).isEqualTo(1L);
  }

  @Test
  void aPushThatModifiedTheFileChangesTheConfiguration() throws Exception {
    assertThat(ConfigPushes.changesConfig(fixture())).isTrue();
  }

  @Test
  void addingOrRemovingTheFileIsAChangeToo() throws Exception {
    for (String list : new String[] {"added", "removed"}) {
      ObjectNode push = fixtureTree();
      ObjectNode commit = (ObjectNode) push.get("commits").get(1);
      commit.putArray("modified");
      commit.putArray(list).add(".github/triage-bot.yml");

      assertThat(ConfigPushes.changesConfig(JSON.writeValueAsBytes(push))).as(list).isTrue();
    }
  }

  @Test
  void aPushToAnotherBranchIsIgnoredAtIngress() throws Exception {
    ObjectNode push = fixtureTree().put("ref", "refs/heads/try-config");

    DeliveryRoute route =
        DeliveryRoute.of("push", DeliveryScan.scan("push", JSON.writeValueAsBytes(push)));

    assertThat(route.ignored()).isTrue();
    assertThat(route.reason()).isEqualTo("push to refs/heads/try-config, not the default branch");
  }

  @Test
  void aPushThatLeftTheFileAloneChangesNothing() throws Exception {
    ObjectNode push = fixtureTree();
    ArrayNode commits = (ArrayNode) push.get("commits");
    commits.remove(1);

    assertThat(ConfigPushes.changesConfig(JSON.writeValueAsBytes(push))).isFalse();
  }

  @Test
  void aPushWhoseCommitsGitHubCouldNotAllListCountsAsAChange() throws Exception {
    ObjectNode push = fixtureTree();
    ArrayNode commits = push.putArray("commits");
    JsonNode unrelated = fixtureTree().get("commits").get(0);
    for (int i = 0; i < 2048; i++) {
      commits.add(unrelated);
    }

    assertThat(ConfigPushes.changesConfig(JSON.writeValueAsBytes(push))).isTrue();
  }

  @Test
  void aPushWithWronglyTypedFieldsIsRefusedNamingTheField() throws Exception {
    ObjectNode filesNotAList = fixtureTree();
    ((ObjectNode) filesNotAList.get("commits").get(0)).put("modified", "README.md");
    ObjectNode noDefaultBranch = fixtureTree();
    ((ObjectNode) noDefaultBranch.get("repository")).remove("default_branch");
    ObjectNode refNotText = fixtureTree();
    refNotText.put("ref", 7);

    assertThatThrownBy(() -> ConfigPushes.changesConfig(JSON.writeValueAsBytes(filesNotAList)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("commits[0].modified: wrong type");
    assertThatThrownBy(
            () ->
                DeliveryRoute.of(
                    "push", DeliveryScan.scan("push", JSON.writeValueAsBytes(noDefaultBranch))))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("repository.default_branch: missing");
    assertThatThrownBy(() -> DeliveryScan.scan("push", JSON.writeValueAsBytes(refNotText)))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessage("ref: wrong type");
  }
}
