package dev.triagebot.bot.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends github-api's requests with {@link HttpClient}, bounded by timeouts, and fails at once on a
 * transport error. github-api's stock connector sets no request timeout (a hung connection would
 * hold a worker forever), and its client silently retries socket errors with sleeps in between; the
 * job queue owns retries, so every transport failure is surfaced as one plain {@link IOException}
 * that github-api passes through.
 */
final class TimeoutConnector implements GitHubConnector {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final Duration requestTimeout;
  private final GitHubCalls calls;

  TimeoutConnector(Duration connectTimeout, Duration requestTimeout, GitHubCalls calls) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            // github-api follows redirects itself and strips the Authorization header on the way.
            .followRedirects(HttpClient.Redirect.NEVER)
            // No h2c upgrade dance on plain-HTTP endpoints (GitHub Enterprise behind a proxy,
            // tests).
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.requestTimeout = requestTimeout;
    this.calls = calls;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request)).timeout(requestTimeout);
    for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
      builder.header(header.getKey(), String.join(",", header.getValue()));
    }
    HttpRequest.BodyPublisher body =
        request.hasBody()
            ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
            : HttpRequest.BodyPublishers.noBody();
    builder.method(request.method(), body);
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      calls.answered(
          request.method(),
          response.uri(),
          response.statusCode(),
          response.headers().map(),
          System.nanoTime() - started);
      return new Response(
          request, response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw (IOException) new InterruptedIOException("interrupted").initCause(interrupted);
    } catch (IOException transport) {
      calls.unanswered(request.method(), uri(request), System.nanoTime() - started);
      // Re-thrown as a plain IOException: github-api retries SocketException and its subclasses
      // (ConnectException among them) on its own, and the queue must see the failure instead.
      throw new TransportFailure(request.method() + " " + request.url() + " failed", transport);
    }
  }

  private static URI uri(GitHubConnectorRequest request) throws IOException {
    try {
      return request.url().toURI();
    } catch (URISyntaxException invalid) {
      throw new IOException("invalid URL: " + request.url(), invalid);
    }
  }

  /** A request that got no HTTP answer: refused, reset, or timed out. */
  static final class TransportFailure extends IOException {
    TransportFailure(String message, IOException cause) {
      super(message + ": " + cause.getClass().getSimpleName(), cause);
    }
  }

  private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
    private final byte[] body;

    Response(
        GitHubConnectorRequest request,
        int statusCode,
        Map<String, List<String>> headers,
        byte[] body) {
      super(request, statusCode, headers);
      this.body = body;
    }

    @Override
    protected InputStream rawBodyStream() {
      return new ByteArrayInputStream(body == null ? new byte[0] : body);
    }
  }
}
