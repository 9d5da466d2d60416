package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.triagebot.testing.SharedMaterial;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our own fixtures are written in GitHub's payload format: each validates against the webhook
 * schema of its event and action from {@code ../shared/github/webhooks/schemas}.
 */
class FixturesFollowGitHubSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyFixtureValidatesAgainstItsEventSchema() throws Exception {
    return SharedMaterial.dynamicTests(
        "github/webhooks/schemas", FixturesFollowGitHubSchemasTest::testsFor);
  }

  private static Stream<DynamicTest> testsFor(Path schemas) throws IOException, URISyntaxException {
    String common = schemas.resolve("common").toUri().toString(); // ends with '/'
    // Schemas refer to "common/<name>.schema.json" relative to wherever they sit; all are in
    // common/.
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            builder ->
                builder.schemaMappers(
                    mappers ->
                        mappers.mappings(
                            iri -> iri.contains("/common/"),
                            iri -> common + iri.substring(iri.lastIndexOf('/') + 1))));
    Path fixtures = Path.of(WebhookFixtures.class.getResource("/webhooks").toURI());
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(fixtures)) {
      files
          .sorted()
          .forEach(
              file ->
                  tests.add(
                      DynamicTest.dynamicTest(
                          file.getFileName().toString(), () -> validates(factory, schemas, file))));
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  private static void validates(JsonSchemaFactory factory, Path schemas, Path fixture)
      throws IOException {
    String name = fixture.getFileName().toString();
    String event = name.substring(0, name.indexOf('-'));
    JsonNode payload = JSON.readTree(fixture.toFile());
    String action = payload.path("action").asText();
    assertThat(name).startsWith(event + "-" + action + "-");
    Path schemaFile = schemas.resolve(event).resolve(action + ".schema.json");
    JsonSchema schema = factory.getSchema(SchemaLocation.of(schemaFile.toUri().toString()));

    Set<ValidationMessage> problems = schema.validate(payload);

    assertThat(problems).as(name).isEmpty();
  }
}
