package dev.triagebot.bot.setup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trades the manifest flow's code for the new App's id, private key and webhook secret: {@code POST
 * /app-manifests/{code}/conversions}. The JDK's client rather than the bot's GitHub client: this
 * one request is made before any credentials exist, needs none, and must not be logged or retried
 * by anything that could print the answer.
 */
public final class ManifestConversion {
  /** GitHub's codes are short hex or base64url words; anything else never came from GitHub. */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI apiUrl;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * @param apiUrl the REST API root, {@code triage.github.api-url}
   */
  public ManifestConversion(URI apiUrl) {
    this.apiUrl = apiUrl;
  }

  /** Whether the text can be a code GitHub handed out. */
  public static boolean looksLikeCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /**
   * The App created from the manifest.
   *
   * @throws SetupFailure when GitHub refuses the code or cannot be reached, saying which
   */
  public CreatedApp convert(String code) throws SetupFailure {
    if (!looksLikeCode(code)) {
      throw new SetupFailure("That is not a code from GitHub.");
    }
    String root = apiUrl.toString().replaceAll("/+$", "");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root + "/app-manifests/" + code + "/conversions"))
            .timeout(TIMEOUT)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException unreachable) {
      throw new SetupFailure(
          "GitHub could not be reached at "
              + root
              + " ("
              + unreachable.getClass().getSimpleName()
              + "). Start again at /setup.",
          unreachable);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new SetupFailure("Interrupted while asking GitHub for the App's credentials.");
    }
    if (response.statusCode() != 201) {
      throw new SetupFailure(
          "GitHub did not accept the code (HTTP "
              + response.statusCode()
              + "): a code works once, within an hour. Start again at /setup.");
    }
    return parse(response.body());
  }

  private static CreatedApp parse(byte[] body) throws SetupFailure {
    try {
      JsonNode app = JSON.readTree(body);
      long id = app.path("id").asLong(0);
      String pem = app.path("pem").asString(null);
      String htmlUrl = app.path("html_url").asString(null);
      if (id <= 0 || pem == null || pem.isBlank() || htmlUrl == null) {
        // Named by field only: the answer holds secrets.
        throw new SetupFailure(
            "GitHub's answer lacks the App's id, private key or address; the App may exist on"
                + " GitHub: delete it there and start again at /setup.");
      }
      JsonNode secret = app.path("webhook_secret");
      return new CreatedApp(
          id,
          app.path("slug").asString(""),
          app.path("owner").path("login").asString(""),
          URI.create(htmlUrl),
          pem,
          secret.isString() && !secret.asString().isBlank() ? secret.asString() : null);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      throw new SetupFailure(
          "GitHub's answer could not be read; the App may exist on GitHub: delete it there and"
              + " start again at /setup.");
    }
  }
}
