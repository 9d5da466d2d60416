package dev.triagebot.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triagebot.bot.index.IndexChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The similar-issue index change ingress makes from its one streaming pass ({@link DeliveryScan},
 * which keeps the issue as a tree) is the one {@link IndexChange#of(String, byte[])} makes from the
 * whole body: for real payloads, and for each case the index's rules tell apart.
 */
class IndexChangeFromTheScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "anthropics/claude-code";
  private static final int NUMBER = 61234;

  /** What the index makes of a delivery. */
  private enum Kind {
    UPSERT,
    REMOVE,
    NONE,
    REFUSED
  }

  /** An {@link IllegalArgumentException} of {@code IndexChange.of}, by its message. */
  private record Refused(String message) {}

  @TestFactory
  Stream<DynamicTest> theTestFixturesGiveTheSameChange() throws Exception {
    List<Path> files = new ArrayList<>();
    Path webhooks = Path.of(WebhookFixtures.class.getResource("/webhooks").toURI());
    try (Stream<Path> listed = Files.list(webhooks)) {
      listed
          .filter(file -> file.getFileName().toString().startsWith("issues-"))
          .forEach(files::add);
    }
    files.add(Path.of("../examples/issues-opened-mcp-oauth.json"));
    assertThat(files).hasSizeGreaterThan(6);
    return files.stream()
        .sorted()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        assertThat(sameChange("issues", Files.readAllBytes(file)))
                            .isEqualTo(Kind.UPSERT)));
  }

  @TestFactory
  Stream<DynamicTest> githubsExamplesGiveTheSameChange() throws Exception {
    return GitHubExamples.eachOf(
        List.of("issues", "issue_comment"),
        30,
        (event, example) -> sameChange(event, Files.readAllBytes(example)));
  }

  @TestFactory
  Stream<DynamicTest> theCasesTheIndexRulesTellApartGiveTheSameChange() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String action : IndexChange.UPSERT_ACTIONS) {
      tests.add(issues(action, Kind.UPSERT, issue -> {}));
    }
    for (String action : IndexChange.REMOVE_ACTIONS) {
      tests.add(issues(action, Kind.REMOVE, issue -> {}));
    }
    tests.add(issues("assigned", Kind.NONE, issue -> {}));
    tests.add(issues("a pull request", "opened", Kind.NONE, payload -> pullRequest(payload)));
    tests.add(
        issues(
            "a null pull_request", "opened", Kind.UPSERT, p -> issue(p).putNull("pull_request")));
    tests.add(issues("no action", null, Kind.NONE, payload -> {}));
    tests.add(issues("no issue", "closed", Kind.REFUSED, payload -> payload.remove("issue")));
    tests.add(issues("a null issue", "closed", Kind.REFUSED, payload -> payload.putNull("issue")));
    tests.add(
        issues("an issue array", "closed", Kind.REFUSED, p -> p.putArray("issue").add(NUMBER)));
    tests.add(issues("an issue string", "closed", Kind.REFUSED, p -> p.put("issue", "#1")));
    tests.add(
        issues("no repository", "edited", Kind.REFUSED, payload -> payload.remove("repository")));
    tests.add(
        issues(
            "a blank repository name",
            "edited",
            Kind.REFUSED,
            p -> ((ObjectNode) p.get("repository")).put("full_name", " ")));
    tests.add(issues("no state", "closed", Kind.REFUSED, p -> issue(p).remove("state")));
    tests.add(
        issues(
            "an odd author association",
            "opened",
            Kind.REFUSED,
            p -> issue(p).put("author_association", "owner")));
    tests.add(
        issues(
            "labels as names and objects",
            "labeled",
            Kind.UPSERT,
            p -> issue(p).putArray("labels").add("bug").addObject().put("name", "area:mcp")));
    tests.add(
        raw(
            "issues",
            "a second issue object, which replaces the first",
            Kind.UPSERT,
            twoIssues("{\"number\": 7, \"state\": \"closed\", \"state_reason\": \"duplicate\"}")));
    tests.add(raw("issues", "a second issue that is null", Kind.REFUSED, twoIssues("null")));

    String named = "Duplicate of #100";
    tests.add(comment("by a member", "MEMBER", named, Kind.UPSERT, p -> {}));
    tests.add(comment("by the owner", "OWNER", "duplicate of #100", Kind.UPSERT, p -> {}));
    tests.add(
        comment(
            "by a collaborator, as a link",
            "COLLABORATOR",
            "Duplicate of https://github.com/" + REPO + "/issues/100",
            Kind.UPSERT,
            p -> {}));
    tests.add(comment("by anyone", "NONE", named, Kind.NONE, p -> {}));
    tests.add(comment("by a Bot", "NONE", named, Kind.UPSERT, p -> user(p).put("type", "Bot")));
    tests.add(
        comment("by an App", "NONE", named, Kind.UPSERT, p -> user(p).put("login", "helper[bot]")));
    tests.add(
        comment("by a login not text", "NONE", named, Kind.NONE, p -> user(p).put("login", 5)));
    tests.add(comment("naming itself", "MEMBER", "Duplicate of #" + NUMBER, Kind.NONE, p -> {}));
    tests.add(
        comment(
            "naming another repository's issue",
            "MEMBER",
            "Duplicate of https://github.com/o/other/issues/100",
            Kind.NONE,
            p -> {}));
    tests.add(comment("naming nothing", "MEMBER", "Thanks!", Kind.NONE, p -> {}));
    tests.add(comment("with no body", "MEMBER", null, Kind.NONE, p -> {}));
    tests.add(comment("edited", "MEMBER", named, Kind.NONE, p -> p.put("action", "edited")));
    tests.add(
        comment(
            "on a pull request",
            "MEMBER",
            named,
            Kind.NONE,
            IndexChangeFromTheScanTest::pullRequest));
    tests.add(comment("with no issue", "MEMBER", named, Kind.NONE, p -> p.remove("issue")));
    tests.add(comment("with a null issue", "MEMBER", named, Kind.NONE, p -> p.putNull("issue")));
    tests.add(
        comment("with no repository", "MEMBER", named, Kind.NONE, p -> p.remove("repository")));
    tests.add(
        comment(
            "on an issue with no state",
            "MEMBER",
            named,
            Kind.REFUSED,
            p -> issue(p).remove("state")));
    return tests.stream();
  }

  /** Asserts that both ways give the same change, or refuse with the same words, and says which. */
  private static Kind sameChange(String event, byte[] body) throws MalformedPayloadException {
    Object wholeBody = outcome(() -> IndexChange.of(event, body));
    DeliveryFacts facts = DeliveryScan.scan(event, body);
    Object scanned = outcome(() -> IndexChange.of(event, facts.indexFields()));

    assertThat(scanned).isEqualTo(wholeBody);
    if (scanned instanceof Refused) {
      return Kind.REFUSED;
    }
    Optional<?> change = (Optional<?>) scanned;
    if (change.isEmpty()) {
      return Kind.NONE;
    }
    return change.get() instanceof IndexChange.Remove ? Kind.REMOVE : Kind.UPSERT;
  }

  private static Object outcome(Supplier<Optional<IndexChange>> change) {
    try {
      return change.get();
    } catch (IllegalArgumentException refused) {
      return new Refused(refused.getMessage());
    }
  }

  private static DynamicTest issues(String action, Kind expected, Consumer<ObjectNode> edit) {
    return issues(action, action, expected, edit);
  }

  private static DynamicTest issues(
      String scenario, String action, Kind expected, Consumer<ObjectNode> edit) {
    return DynamicTest.dynamicTest(
        "issues, " + scenario,
        () -> {
          ObjectNode payload = fixture();
          payload.put("action", action);
          edit.accept(payload);
          assertThat(sameChange("issues", JSON.writeValueAsBytes(payload))).isEqualTo(expected);
        });
  }

  /** A new comment on the fixture's issue, by {@code someone} unless {@code edit} says else. */
  private static DynamicTest comment(
      String scenario, String association, String text, Kind expected, Consumer<ObjectNode> edit) {
    return DynamicTest.dynamicTest(
        "issue_comment, " + scenario,
        () -> {
          ObjectNode payload = fixture();
          payload.put("action", "created");
          ObjectNode comment = payload.putObject("comment");
          comment.put("id", 9001);
          comment.put("body", text);
          comment.put("author_association", association);
          comment.putObject("user").put("login", "someone").put("type", "User");
          edit.accept(payload);
          assertThat(sameChange("issue_comment", JSON.writeValueAsBytes(payload)))
              .isEqualTo(expected);
        });
  }

  private static DynamicTest raw(String event, String scenario, Kind expected, String body) {
    return DynamicTest.dynamicTest(
        event + ", " + scenario,
        () ->
            assertThat(sameChange(event, body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected));
  }

  /** The fixture's issue, then {@code second} under the same key, which a tree keeps instead. */
  private static String twoIssues(String second) throws Exception {
    ObjectNode payload = fixture();
    payload.put("action", "edited");
    String whole = JSON.writeValueAsString(payload);
    return whole.substring(0, whole.length() - 1) + ", \"issue\": " + second + "}";
  }

  private static ObjectNode issue(ObjectNode payload) {
    return (ObjectNode) payload.get("issue");
  }

  private static ObjectNode user(ObjectNode payload) {
    return (ObjectNode) payload.get("comment").get("user");
  }

  private static void pullRequest(ObjectNode payload) {
    issue(payload)
        .putObject("pull_request")
        .put("url", "https://api.github.com/repos/" + REPO + "/pulls/" + NUMBER);
  }

  private static ObjectNode fixture() throws Exception {
    ObjectNode payload =
        (ObjectNode) JSON.readTree(WebhookFixtures.bytes("issues-opened-mcp-startup-timeout.json"));
    assertThat(payload.path("repository").path("full_name").asText()).isEqualTo(REPO);
    assertThat(issue(payload).path("number").asInt()).isEqualTo(NUMBER);
    return payload;
  }
}
