package dev.triagebot.bot.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps {@code /actuator/prometheus} closed on the public port unless a scraper sends {@code
 * Authorization: Bearer <triage.metrics.token>}: without a token configured it answers 404, with a
 * wrong or missing one 401. The metrics name repositories' signatures and GitHub's rate-limit
 * headroom, which is nobody else's business. Compared in constant time.
 */
final class MetricsAccess extends OncePerRequestFilter {
  private final byte[] token;

  /**
   * @param token the expected bearer token; null or blank closes the endpoint
   */
  MetricsAccess(String token) {
    this.token =
        token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (token == null) {
      refuse(response, HttpServletResponse.SC_NOT_FOUND, "metrics are disabled");
      return;
    }
    if (!bearer(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "a bearer token is required");
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean bearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(
            token, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"error\":\"" + error + "\"}");
  }
}
