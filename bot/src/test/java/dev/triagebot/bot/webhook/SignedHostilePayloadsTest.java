package dev.triagebot.bot.webhook;

import static dev.triagebot.bot.webhook.SignedDeliveries.newDeliveryId;
import static dev.triagebot.bot.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.queue.DeliveryLog;
import dev.triagebot.testing.SharedMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Property: whatever is done to a valid signed payload of a handled event (fields nulled, removed
 * or retyped, huge or strange strings, deep nesting, trailing garbage, truncation), the webhook
 * answers below 500, its body names no Java type and holds no stack trace, and a refused delivery
 * leaves nothing in the store. Seeds are the project's own fixtures, plus GitHub's examples when
 * {@code ../shared} is present. Runs on the {@link IngressTest} context that the endpoint tests
 * share, through MockMvc; {@code WebhookMemoryTest} sends hostile bodies over real HTTP.
 */
class SignedHostilePayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEEP = "@@deeply nested@@";

  /** A Java type (java.lang.String, org.kohsuke.github.GHIssue), or a stack frame. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "\\b(?:java|javax|jakarta|org|com|dev|tools|sun)\\.[a-z0-9_]+(?:\\.[A-Za-z0-9_$]+)+"
              + "|\\bat [a-z][\\w$.]+\\(|Exception\\b|Cannot invoke|\\bnull pointer",
          Pattern.CASE_INSENSITIVE);

  /** The fields the bot relies on, hit more often than a uniform pick would. */
  private static final List<String> RELIED_ON =
      List.of(
          "/action",
          "/repository",
          "/repository/full_name",
          "/installation",
          "/installation/id",
          "/sender",
          "/sender/login",
          "/sender/type",
          "/issue",
          "/issue/number",
          "/issue/user",
          "/issue/user/login",
          "/issue/user/type",
          "/issue/labels",
          "/issue/labels/0",
          "/issue/labels/0/name",
          "/issue/html_url",
          "/issue/state",
          "/issue/state_reason",
          "/issue/title",
          "/issue/body",
          "/issue/pull_request",
          "/issue/created_at",
          "/issue/updated_at",
          "/comment",
          "/comment/id",
          "/comment/user",
          "/comment/user/login",
          "/comment/body",
          "/comment/author_association",
          "/label",
          "/label/name",
          "/changes",
          "/changes/title",
          "/repositories",
          "/repositories/0/full_name",
          "/repositories_added/0/full_name",
          "/repositories_removed/0/full_name");

  private static final List<String> ACTIONS =
      List.of(
          "opened",
          "edited",
          "reopened",
          "closed",
          "labeled",
          "unlabeled",
          "deleted",
          "transferred",
          "created",
          "added",
          "removed",
          "pinned");

  private static final List<Seed> SEEDS = readSeeds();
  private static MockMvc mvc;
  private static DeliveryLog deliveries;

  /** A valid payload to start from, with its event. */
  record Seed(String event, String name, byte[] body) {
    @Override
    public String toString() {
      return event + " " + name;
    }
  }

  /** What is done to a payload. */
  enum Mutation {
    NULL,
    REMOVE,
    RETYPE,
    HUGE_STRING,
    STRANGE_STRING,
    DEEP_NESTING,
    OTHER_ACTION,
    TRAILING_GARBAGE,
    TRUNCATE,
    OTHER_EVENT
  }

  @BeforeContainer
  static void shareTheIngressContext() throws Exception {
    TestContextManager spring = new TestContextManager(OnTheIngressContext.class);
    ApplicationContext context = spring.getTestContext().getApplicationContext();
    mvc = context.getBean(MockMvc.class);
    deliveries = context.getBean(DeliveryLog.class);
  }

  @IngressTest
  static final class OnTheIngressContext {}

  @Property(tries = 800, shrinking = ShrinkingMode.BOUNDED)
  void aMutatedSignedDeliveryIsNeverA5xxLeaksNothingAndIsKeptOnlyWhenAccepted(
      @ForAll("seeds") Seed seed,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll("randoms") Random random)
      throws Exception {
    String event = seed.event();
    ObjectNode payload = (ObjectNode) JSON.readTree(seed.body());
    String suffix = "";
    Integer cut = null;
    for (Mutation mutation : mutations) {
      switch (mutation) {
        case TRAILING_GARBAGE -> suffix = pick(random, List.of("}}}", "{}", " x", "\u0000", "]"));
        case TRUNCATE -> cut = random.nextInt(Math.max(1, seed.body().length));
        case OTHER_EVENT ->
            event =
                pick(
                    random,
                    List.of(
                        "issues", "issue_comment", "installation", "installation_repositories"));
        case OTHER_ACTION -> payload.put("action", pick(random, ACTIONS));
        default -> mutate(payload, mutation, random);
      }
    }
    String text =
        JSON.writeValueAsString(payload)
            .replace("\"" + DEEP + "\"", nested(random.nextBoolean() ? 300 : 1500));
    byte[] body = (text + suffix).getBytes(StandardCharsets.UTF_8);
    if (cut != null) {
      body = Arrays.copyOf(body, Math.min(cut, body.length));
    }
    String id = newDeliveryId();

    MockHttpServletResponse response =
        mvc.perform(signed(event, id, body)).andReturn().getResponse();

    String answer = response.getContentAsString(StandardCharsets.UTF_8);
    Statistics.label("status").collect(response.getStatus());
    assertThat(response.getStatus()).as(answer).isLessThan(500);
    assertThat(INTERNALS.matcher(answer).find()).as("internals in %s", answer).isFalse();
    assertThat(answer).startsWith("{");
    if (response.getStatus() >= 400) {
      assertThat(deliveries.contains(id)).as("a refused delivery is not stored").isFalse();
    }
  }

  @Provide
  Arbitrary<Seed> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Arbitraries.of(Mutation.class).list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Random> randoms() {
    return Arbitraries.randoms();
  }

  private static void mutate(ObjectNode payload, Mutation mutation, Random random) {
    Place place = place(payload, random);
    if (place == null) {
      return;
    }
    switch (mutation) {
      case NULL -> place.set(JsonNodeFactory.instance.nullNode());
      case REMOVE -> place.remove();
      case RETYPE -> place.set(otherType(random));
      case HUGE_STRING -> place.set(JsonNodeFactory.instance.textNode("x".repeat(200_000)));
      case STRANGE_STRING ->
          place.set(
              JsonNodeFactory.instance.textNode(
                  pick(
                      random,
                      List.of(
                          "",
                          " ",
                          "\u0000",
                          "\uD800",
                          "\u202Eevil",
                          "😀🧵",
                          "../../app/x",
                          "a/b/c",
                          "true",
                          "-1",
                          "javascript:alert(1)",
                          "<script>",
                          "%00"))));
      // Spliced in as text: the test's own writer refuses to nest as deep as a sender may.
      case DEEP_NESTING -> place.set(JsonNodeFactory.instance.textNode(DEEP));
      default -> throw new IllegalArgumentException(mutation.name());
    }
  }

  private static JsonNode otherType(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return pick(
        random,
        List.<JsonNode>of(
            f.textNode("true"),
            f.numberNode(-1),
            f.numberNode(0),
            f.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
            f.numberNode(1.5),
            f.booleanNode(true),
            f.arrayNode(),
            f.objectNode(),
            f.arrayNode().add(f.nullNode()),
            f.objectNode().put("name", 7)));
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "\"bottom\"" + "]".repeat(depth);
  }

  /** A field or element of the payload to change, in place. */
  private record Place(JsonNode parent, String field, int index) {
    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  /** A field the bot relies on half the time, otherwise any field of the payload. */
  private static Place place(ObjectNode payload, Random random) {
    if (random.nextBoolean()) {
      String pointer = pick(random, RELIED_ON);
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = payload.at(pointer.substring(0, slash));
      String last = pointer.substring(slash + 1);
      if (parent instanceof ObjectNode) {
        return new Place(parent, last, -1);
      }
      if (parent instanceof ArrayNode array && !array.isEmpty()) {
        return new Place(parent, null, 0);
      }
    }
    List<Place> places = new ArrayList<>();
    collect(payload, places, 0);
    return places.isEmpty() ? null : pick(random, places);
  }

  private static void collect(JsonNode node, List<Place> places, int depth) {
    if (depth > 5) {
      return;
    }
    if (node instanceof ObjectNode object) {
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                places.add(new Place(object, name, -1));
                collect(object.get(name), places, depth + 1);
              });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        places.add(new Place(array, null, i));
        collect(array.get(i), places, depth + 1);
      }
    }
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** The project's fixtures first; GitHub's examples of the handled events when present. */
  private static List<Seed> readSeeds() {
    List<Seed> seeds = new ArrayList<>();
    try (Stream<Path> files =
        Files.list(Path.of("src/test/resources/webhooks"))
            .filter(p -> p.toString().endsWith(".json"))
            .sorted()) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        seeds.add(new Seed(name.substring(0, name.indexOf('-')), name, Files.readAllBytes(file)));
      }
      SharedMaterial.find()
          .map(shared -> shared.resolve("github/webhooks/examples"))
          .filter(Files::isDirectory)
          .ifPresent(examples -> addExamples(examples, seeds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(seeds);
  }

  private static void addExamples(Path examples, List<Seed> seeds) {
    for (String event :
        List.of("issues", "issue_comment", "installation", "installation_repositories", "ping")) {
      Path folder = examples.resolve(event);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder).sorted()) {
        for (Path file : files.toList()) {
          seeds.add(new Seed(event, file.getFileName().toString(), Files.readAllBytes(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
