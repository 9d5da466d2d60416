package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.triagebot.testing.SharedMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * GitHub's own REST description, {@code shared/github/openapi/api.github.com.json}, as JSON Schemas
 * of request and response bodies: {@code $ref}s resolved and OpenAPI 3.0's {@code nullable} turned
 * into JSON Schema, validated as draft-04.
 */
public final class GitHubRestDescription {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode cached;

  private final JsonNode openApi;

  private GitHubRestDescription(JsonNode openApi) {
    this.openApi = openApi;
  }

  /**
   * The description from the shared folder; aborts the calling test (reported as skipped, with the
   * reason) without it. Call it from a test or a {@code @BeforeEach} method.
   */
  public static synchronized GitHubRestDescription require() {
    Path description = SharedMaterial.require("github/openapi/api.github.com.json");
    if (cached == null) {
      try {
        cached = JSON.readTree(description.toFile());
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
    }
    return new GitHubRestDescription(cached);
  }

  /** Whether the description has this operation, e.g. {@code ("/app", "get")}. */
  public boolean hasOperation(String path, String method) {
    return !openApi.path("paths").path(path).path(method).isMissingNode();
  }

  /** The schema of the operation's JSON request body. */
  public JsonSchema requestSchema(String path, String method) {
    return schema(
        operation(path, method).path("requestBody"), "%s %s request body".formatted(method, path));
  }

  /** The schema of the operation's JSON answer with this status. */
  public JsonSchema responseSchema(String path, String method, int status) {
    return schema(
        operation(path, method).path("responses").path(Integer.toString(status)),
        "%s %s answer %d".formatted(method, path, status));
  }

  private JsonNode operation(String path, String method) {
    JsonNode operation = openApi.path("paths").path(path).path(method);
    assertThat(operation.isMissingNode()).as("GitHub describes %s %s", method, path).isFalse();
    return operation;
  }

  private JsonSchema schema(JsonNode body, String what) {
    JsonNode resolved =
        body.has("$ref") ? openApi.at(body.get("$ref").asText().substring(1)) : body;
    JsonNode schema = resolved.path("content").path("application/json").path("schema");
    assertThat(schema.isMissingNode()).as("%s is JSON", what).isFalse();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(toJsonSchema(schema, 0));
  }

  /** Inlines {@code $ref}s into components and rewrites OpenAPI 3.0 {@code nullable}. */
  private JsonNode toJsonSchema(JsonNode node, int depth) {
    if (depth > 64) {
      throw new IllegalStateException("schema nests deeper than expected; a $ref cycle?");
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(toJsonSchema(item, depth + 1)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      return toJsonSchema(openApi.at(ref.substring(1)), depth + 1);
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      switch (field.getKey()) {
        case "nullable",
            "example",
            "examples",
            "discriminator",
            "readOnly",
            "writeOnly",
            "xml",
            "externalDocs",
            "deprecated" -> {}
        case "properties", "patternProperties", "definitions" -> {
          ObjectNode properties = JsonNodeFactory.instance.objectNode();
          field
              .getValue()
              .fields()
              .forEachRemaining(
                  p -> properties.set(p.getKey(), toJsonSchema(p.getValue(), depth + 1)));
          copy.set(field.getKey(), properties);
        }
        default -> copy.set(field.getKey(), toJsonSchema(field.getValue(), depth + 1));
      }
    }
    if (node.path("nullable").asBoolean(false) && node.has("type")) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode();
      types.add(node.get("type").asText()).add("null");
      copy.set("type", types);
    }
    return copy;
  }
}
