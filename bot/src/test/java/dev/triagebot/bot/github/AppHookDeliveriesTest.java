package dev.triagebot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.issue.RepositoryRef;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App's delivery log and redelivery, and the issue listing the reconciliation reads, against
 * the stateful fake GitHub: the requests use only what GitHub's REST description declares, and the
 * answers the client reads are valid against its schemas.
 */
class AppHookDeliveriesTest {
  static final long APP_ID = 123456;
  static final ObjectMapper JSON = new ObjectMapper();

  StatefulGitHub github;
  AppHookDeliveries deliveries;

  @BeforeEach
  void start() {
    github = new StatefulGitHub(APP_ID);
    // Nothing listens here: every attempt fails, as while the service is down.
    github.webhook(URI.create("http://127.0.0.1:9/github/webhook"), "secret");
    deliveries =
        AppHookDeliveries.connect(
            new GitHubProperties(
                "secret", APP_ID, TestKeys.pkcs8Pem(), null, null, github.apiUrl()),
            Clock.systemUTC(),
            GitHubCalls.NONE);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void pagesFollowTheCursorNewestFirstAsTheAppAndRedeliveryAsksForOneAttempt() {
    for (int i = 1; i <= 150; i++) {
      github.deliver("issues", "guid-" + i, payload("opened"));
    }

    AppHookDeliveries.Page first = deliveries.page(null);
    AppHookDeliveries.Page second = deliveries.page(first.nextCursor());

    assertThat(first.deliveries()).hasSize(100);
    assertThat(first.deliveries().get(0).guid()).isEqualTo("guid-150");
    assertThat(second.deliveries()).hasSize(50);
    assertThat(second.deliveries().get(49).guid()).isEqualTo("guid-1");
    assertThat(second.nextCursor()).isNull();
    HookDelivery oldest = second.deliveries().get(49);
    assertThat(oldest.succeeded()).isFalse();
    assertThat(oldest.event()).isEqualTo("issues");
    assertThat(oldest.action()).isEqualTo("opened");
    assertThat(oldest.installationId()).isEqualTo(58213947L);

    deliveries.redeliver(oldest.id());

    assertThat(github.redeliveriesAsked()).containsExactly(oldest.id());
    assertThat(github.deliveryLog().get(0))
        .containsEntry("guid", "guid-1")
        .containsEntry("redelivery", true);
    assertThat(github.tokensMinted()).as("the App's own JWT, no installation token").isZero();
  }

  @Test
  void aRedeliveryGitHubRefusesIsRejectedAndAnOutageIsUnavailable() {
    assertThatThrownBy(() -> deliveries.redeliver(999)).isInstanceOf(GitHubRejectedException.class);
    github.outage(true);
    assertThatThrownBy(() -> deliveries.page(null)).isInstanceOf(GitHubUnavailableException.class);
  }

  @Test
  void theNextCursorIsReadFromALinkHeaderWithSeveralRelations() {
    String link =
        "<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_prev>; rel=\"prev\","
            + " <https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_12%3D34>;"
            + " rel=\"next\"";

    assertThat(AppHookDeliveries.nextCursor(link)).isEqualTo("v1_12=34");
    assertThat(AppHookDeliveries.nextCursor("<https://x/?cursor=a>; rel=\"prev\"")).isNull();
    assertThat(AppHookDeliveries.nextCursor(null)).isNull();
  }

  @Test
  void requestsAndAnswersConformToGitHubsRestDescription() throws IOException {
    GitHubRestDescription description = GitHubRestDescription.require();
    github.deliver("issues", "guid-1", payload("opened"));
    github.deliver("issues", "guid-2", payload(null));
    github.hasIssue(
        "anthropics/claude-code",
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(payload("opened"))
            .get("issue"));
    GitHubOperations operations =
        GitHubRestOperations.asApp(
            github.apiUrl(), APP_ID, PrivateKeyPem.parse(TestKeys.pkcs8Pem()), Clock.systemUTC());

    AppHookDeliveries.Page page = deliveries.page("0");
    deliveries.redeliver(page.deliveries().get(0).id());
    operations.issuesAsJson(
        new RepositoryRef(58213947, "anthropics/claude-code"), Instant.EPOCH, 1);

    List<String> requests = github.requestUrls();
    assertDeclared(
        description, "/app/hook/deliveries", "get", find(requests, "GET /app/hook/deliveries"));
    assertThat(find(requests, "POST /app/hook/deliveries/")).endsWith("/attempts");
    assertThat(description.hasOperation("/app/hook/deliveries/{delivery_id}/attempts", "post"))
        .isTrue();
    assertDeclared(
        description,
        "/repos/{owner}/{repo}/issues",
        "get",
        find(requests, "GET /repos/anthropics/claude-code/issues?"));
    var items = description.responseSchema("/app/hook/deliveries", "get", 200);
    assertThat(items.validate(JSON.valueToTree(github.deliveryLog()))).isEmpty();
    assertThat(items.validate(JSON.valueToTree(List.of(Map.of("id", 1))))).isNotEmpty();
  }

  /** Every query parameter of the request is one GitHub declares for the operation. */
  private static void assertDeclared(
      GitHubRestDescription description, String path, String method, String url) {
    Set<String> declared = description.queryParameters(path, method);
    String query = URI.create(url.substring(url.indexOf(' ') + 1)).getRawQuery();
    assertThat(query).as(url).isNotNull();
    for (String pair : query.split("&")) {
      assertThat(declared).as("%s declares %s", path, pair).contains(pair.split("=")[0]);
    }
  }

  private static String find(List<String> requests, String prefix) {
    return requests.stream()
        .filter(r -> r.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no request " + prefix + " in " + requests));
  }

  private static byte[] payload(String action) {
    String fixture =
        new String(
            dev.triagebot.bot.webhook.WebhookFixtures.bytes(
                "issues-opened-mcp-startup-timeout.json"),
            StandardCharsets.UTF_8);
    return (action == null
            ? fixture.replace("\"action\": \"opened\"", "\"action\": null")
            : fixture)
        .getBytes(StandardCharsets.UTF_8);
  }
}
