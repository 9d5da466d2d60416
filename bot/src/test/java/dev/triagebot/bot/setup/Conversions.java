package dev.triagebot.bot.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.triagebot.bot.github.FakeGitHub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake GitHub's answer to {@code POST /app-manifests/{code}/conversions}: the App created from
 * the manifest, in GitHub's shape (validated against GitHub's description by {@link
 * ManifestConversionTest}), with secrets that tests look for in logs and pages.
 */
final class Conversions {
  static final long APP_ID = 912345;
  static final String SLUG = "triage-bot-octocat";
  static final String WEBHOOK_SECRET = "whsec-3f9a0c1e7b5d2468ace0";
  static final String CLIENT_SECRET = "clsec-8d6b4f2a0e1c3579bdf1";

  private Conversions() {}

  static String path(String code) {
    return "/app-manifests/" + code + "/conversions";
  }

  /** GitHub creates the App for this code and answers with its credentials. */
  static void stub(FakeGitHub github, String code, String pem) {
    github.stub(post(urlPathEqualTo(path(code))), FakeGitHub.json(201, answer(pem)));
  }

  static Map<String, Object> answer(String pem) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("id", APP_ID);
    app.put("slug", SLUG);
    app.put("node_id", "A_kwHOAAAAAc4ADeYZ");
    app.put("client_id", "Iv23liTriageBotOcto");
    app.put("owner", owner("octocat"));
    app.put("name", "triage-bot (octocat)");
    app.put("description", "Recognises known failures in new issues.");
    app.put("external_url", "https://triage-bot.example.org");
    app.put("html_url", "https://github.com/apps/" + SLUG);
    app.put("created_at", "2026-12-01T09:00:00Z");
    app.put("updated_at", "2026-12-01T09:00:00Z");
    app.put("permissions", Map.of("issues", "write", "metadata", "read"));
    app.put("events", List.of("issues", "issue_comment"));
    app.put("client_secret", CLIENT_SECRET);
    app.put("webhook_secret", WEBHOOK_SECRET);
    app.put("pem", pem);
    return app;
  }

  private static Map<String, Object> owner(String login) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("login", login);
    user.put("id", 583231);
    user.put("node_id", "MDQ6VXNlcjU4MzIzMQ==");
    user.put("avatar_url", "https://avatars.githubusercontent.com/u/583231?v=4");
    user.put("gravatar_id", "");
    String api = "https://api.github.com/users/" + login;
    user.put("url", api);
    user.put("html_url", "https://github.com/" + login);
    user.put("followers_url", api + "/followers");
    user.put("following_url", api + "/following{/other_user}");
    user.put("gists_url", api + "/gists{/gist_id}");
    user.put("starred_url", api + "/starred{/owner}{/repo}");
    user.put("subscriptions_url", api + "/subscriptions");
    user.put("organizations_url", api + "/orgs");
    user.put("repos_url", api + "/repos");
    user.put("events_url", api + "/events{/privacy}");
    user.put("received_events_url", api + "/received_events");
    user.put("type", "User");
    user.put("site_admin", false);
    return user;
  }
}
