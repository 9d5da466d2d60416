package dev.triagebot.bot.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's web side of the manifest flow, on loopback: {@code POST /settings/apps/new?state=…} (or
 * an organisation's {@code /organizations/ORG/settings/apps/new}) takes the form field {@code
 * manifest} and answers a confirmation page; its button sends the browser to the manifest's {@code
 * redirect_url} with a code and the state, as GitHub does once the user confirms.
 */
final class FakeGitHubWeb implements AutoCloseable {
  /** The code GitHub hands out; 20 hex digits, like GitHub's. */
  static final String CODE = "5f0e7c2a9b3d41e68a7c";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One form GitHub received. */
  record Received(String path, String state, JsonNode manifest) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeGitHubWeb() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The confirmation's target, as the browser would follow it. */
  static URI confirmation(Received form) {
    return URI.create(
        form.manifest().path("redirect_url").asString()
            + "?code="
            + CODE
            + "&state="
            + form.state());
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean newApp =
        path.equals("/settings/apps/new")
            || path.matches("/organizations/[A-Za-z0-9-]+/settings/apps/new");
    if (!exchange.getRequestMethod().equals("POST") || !newApp) {
      answer(exchange, 404, "Not Found");
      return;
    }
    Map<String, String> form =
        decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
    JsonNode manifest = JSON.readTree(form.getOrDefault("manifest", "null"));
    Received confirmed = new Received(path, query.get("state"), manifest);
    received.add(confirmed);
    String page =
        "<!DOCTYPE html><html><head><title>Create GitHub App</title></head><body>"
            + "<h1>Create GitHub App for octocat</h1>"
            + "<form method=\"get\" action=\""
            + escape(manifest.path("redirect_url").asString())
            + "\"><input type=\"hidden\" name=\"code\" value=\""
            + CODE
            + "\"><input type=\"hidden\" name=\"state\" value=\""
            + escape(confirmed.state() == null ? "" : confirmed.state())
            + "\"><button type=\"submit\" id=\"confirm\">Create GitHub App for octocat</button>"
            + "</form></body></html>";
    answer(exchange, 200, page);
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> fields = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static void answer(HttpExchange exchange, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
