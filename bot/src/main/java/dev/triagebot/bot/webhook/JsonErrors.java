package dev.triagebot.bot.webhook;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, {@code /error}, in place of Spring Boot's: a JSON {@code {"error":
 * ...}} with the status's reason and nothing else (no exception, message, trace or path), and 404
 * when it is asked for directly rather than forwarded to with an error.
 */
@RestController
@ConditionalOnWebApplication
public class JsonErrors implements ErrorController {

  @RequestMapping("/error")
  public ResponseEntity<WebhookController.Refusal> error(HttpServletRequest request) {
    HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
    String reason =
        status.is5xxServerError()
            ? "internal error; the request can be retried"
            : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new WebhookController.Refusal(reason));
  }

  private static HttpStatus status(Object code) {
    if (code instanceof Integer value) {
      HttpStatus status = HttpStatus.resolve(value);
      if (status != null && status.isError()) {
        return status;
      }
    }
    // Asked for directly: there is no such page to show.
    return HttpStatus.NOT_FOUND;
  }
}
