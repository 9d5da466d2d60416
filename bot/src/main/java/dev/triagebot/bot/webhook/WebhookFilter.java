package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Serves {@code POST /github/webhook} first in the filter chain, ahead of Spring MVC: a burst is a
 * thousand of these a second on two cores, and the dispatcher, its filters and its content
 * negotiation cost about half as much per request as the delivery's own checks (a flight recording
 * at 500 a second). Other methods on this path are answered 405, as Spring MVC did.
 */
final class WebhookFilter implements Filter {
  private static final ObjectWriter JSON = JsonMapper.builder().build().writer();

  private final WebhookController controller;

  WebhookFilter(WebhookController controller) {
    this.controller = controller;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    ResponseEntity<?> answer =
        "POST".equals(http.getMethod())
            ? controller.receive(http)
            : ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.POST)
                .body(new WebhookController.Refusal("method not allowed; deliveries are POSTed"));
    write(answer, (HttpServletResponse) response);
  }

  private static void write(ResponseEntity<?> answer, HttpServletResponse response)
      throws IOException {
    response.setStatus(answer.getStatusCode().value());
    for (Map.Entry<String, List<String>> header : answer.getHeaders().headerSet()) {
      for (String value : header.getValue()) {
        response.addHeader(header.getKey(), value);
      }
    }
    byte[] body = JSON.writeValueAsBytes(answer.getBody());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
