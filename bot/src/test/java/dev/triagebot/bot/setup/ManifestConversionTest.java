package dev.triagebot.bot.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.triagebot.bot.github.FakeGitHub;
import dev.triagebot.bot.github.GitHubRestDescription;
import dev.triagebot.bot.github.TestKeys;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trading the manifest flow's code against the fake GitHub: the App's credentials on success, and
 * on every refusal a message for the operator that holds neither the code nor a secret.
 */
class ManifestConversionTest {
  static final String CODE = FakeGitHubWeb.CODE;

  final FakeGitHub github = new FakeGitHub();
  final ManifestConversion conversion = new ManifestConversion(github.apiUrl());

  @AfterEach
  void stopFakeGitHub() {
    github.close();
  }

  @Test
  void theCodeIsTradedForTheAppsIdKeyAndWebhookSecret() throws Exception {
    String pem = TestKeys.pkcs1Pem();
    Conversions.stub(github, CODE, pem);

    CreatedApp app = conversion.convert(CODE);

    assertThat(app.id()).isEqualTo(Conversions.APP_ID);
    assertThat(app.slug()).isEqualTo(Conversions.SLUG);
    assertThat(app.owner()).isEqualTo("octocat");
    assertThat(app.pem()).isEqualTo(pem);
    assertThat(app.webhookSecret()).isEqualTo(Conversions.WEBHOOK_SECRET);
    assertThat(app.installUrl())
        .isEqualTo(
            URI.create("https://github.com/apps/" + Conversions.SLUG + "/installations/new"));
    assertThat(app.toString()).doesNotContain(pem, Conversions.WEBHOOK_SECRET, "BEGIN");
    assertThat(github.requests()).containsExactly("POST " + Conversions.path(CODE));
    assertThat(github.unmatched()).isEmpty();
  }

  @Test
  void theRequestAndTheFakesAnswerFollowGitHubsDescription() throws Exception {
    GitHubRestDescription description = GitHubRestDescription.require();
    String operation = "/app-manifests/{code}/conversions";
    Conversions.stub(github, CODE, TestKeys.pkcs1Pem());

    conversion.convert(CODE);

    LoggedRequest sent = github.received("POST", Conversions.path(CODE)).get(0);
    assertThat(description.hasOperation(operation, "post")).isTrue();
    assertThat(sent.getBody()).as("the operation takes no request body").isEmpty();
    assertThat(sent.getHeader("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(sent.containsHeader("Authorization")).as("needs no credentials").isFalse();
    ObjectMapper json = new ObjectMapper();
    assertThat(
            description
                .responseSchema(operation, "post", 201)
                .validate(json.valueToTree(Conversions.answer(TestKeys.pkcs1Pem()))))
        .isEmpty();
    assertThat(
            description
                .responseSchema(operation, "post", 201)
                .validate(json.valueToTree(Map.of("id", 1, "pem", "x"))))
        .as("the schema is strict enough to catch a wrong fake")
        .isNotEmpty();
  }

  @Test
  void aCodeGitHubDoesNotKnowIsReportedWithoutEchoingIt() {
    github.stub(
        post(urlPathEqualTo(Conversions.path(CODE))),
        FakeGitHub.json(
            404,
            Map.of(
                "message",
                "Not Found",
                "documentation_url",
                "https://docs.github.com/rest/apps/apps#create-a-github-app-from-a-manifest")));

    assertThatThrownBy(() -> conversion.convert(CODE))
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Start again at /setup")
        .message()
        .doesNotContain(CODE);
  }

  @Test
  void aRefusalOfTheManifestIsReported() {
    github.stub(
        post(urlPathEqualTo(Conversions.path(CODE))),
        FakeGitHub.json(422, Map.of("message", "Validation Failed", "errors", List.of())));

    assertThatThrownBy(() -> conversion.convert(CODE))
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("HTTP 422");
  }

  @Test
  void anAnswerWithoutTheKeyIsRefusedNamingNoSecret() {
    Map<String, Object> answer = new java.util.LinkedHashMap<>(Conversions.answer(""));
    github.stub(post(urlPathEqualTo(Conversions.path(CODE))), FakeGitHub.json(201, answer));

    assertThatThrownBy(() -> conversion.convert(CODE))
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("lacks the App's id, private key or address")
        .message()
        .doesNotContain(Conversions.WEBHOOK_SECRET, Conversions.CLIENT_SECRET);
  }

  @Test
  void anUnreachableGitHubIsReported() {
    ManifestConversion nowhere = new ManifestConversion(URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(() -> nowhere.convert(CODE))
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  void textThatCannotBeACodeIsRefusedBeforeAnyRequest() {
    for (String notACode : new String[] {"", "../../user", "a b", "x".repeat(101), "%2e%2e"}) {
      assertThatThrownBy(() -> conversion.convert(notACode))
          .as(notACode)
          .isInstanceOf(SetupFailure.class)
          .hasMessage("That is not a code from GitHub.");
    }
    assertThat(github.requests()).isEmpty();
  }
}
