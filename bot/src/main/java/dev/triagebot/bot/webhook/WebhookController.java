package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.triagebot.bot.queue.IngressActivity;
import dev.triagebot.bot.queue.LogContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code POST /github/webhook} (served by {@link WebhookFilter}): checks size, headers and
 * signature, then hands the raw body to {@link WebhookIngress} and answers as soon as it is stored.
 * Every answer is JSON: {@code {"status": ...}} when accepted, {@code {"error": ...}} when refused.
 * Bodies are read within a budget shared by all requests ({@link BodyBudget}) and checked against
 * their signature as they arrive.
 */
@Component
@ConditionalOnWebApplication
public class WebhookController {
  /** Where GitHub sends deliveries. */
  public static final String PATH = "/github/webhook";

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

  /** Longer ids do not come from GitHub (it sends UUIDs) and would not fit the store. */
  private static final int MAX_HEADER_LENGTH = 100;

  private final WebhookSignature signature;
  private final WebhookIngress ingress;
  private final BodyBudget budget;
  private final IngressActivity activity;
  private final LoadShedding shedding;
  private final String retryAfterSeconds;
  private final DeliveryMetrics metrics;

  WebhookController(
      WebhookSecret secret,
      WebhookIngress ingress,
      IngressProperties properties,
      IngressActivity activity,
      LoadShedding shedding,
      MeterRegistry meters) {
    this.signature = new WebhookSignature(secret.key());
    this.ingress = ingress;
    this.budget = new BodyBudget((int) properties.bodiesInFlight().toBytes());
    this.activity = activity;
    this.shedding = shedding;
    this.retryAfterSeconds = String.valueOf(Math.max(1, properties.retryAfter().toSeconds()));
    this.metrics = new DeliveryMetrics(meters);
  }

  /** The body of an accepted delivery. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reply(String status, String delivery, Long job, String detail) {}

  /** The body of a refused request. */
  public record Refusal(String error) {}

  /**
   * Reads, checks and hands over a delivery. What can be answered at once comes back completed; an
   * accepted delivery's answer completes when the group commit has stored it, in the writer's
   * thread, so the request thread is free meanwhile.
   */
  public CompletableFuture<ResponseEntity<?>> receive(HttpServletRequest request) {
    long started = System.nanoTime();
    String event = request.getHeader(WebhookHeaders.EVENT);
    String delivery = request.getHeader(WebhookHeaders.DELIVERY);
    // Only well-formed ids go in the log context: the headers are not verified yet.
    String[] logContext = {
      LogContext.DELIVERY, loggable(delivery), LogContext.EVENT, loggable(event)
    };
    CompletableFuture<ResponseEntity<?>> response;
    try (LogContext context = LogContext.with(logContext)) {
      response = handle(request, event, delivery);
    } catch (DataAccessException e) {
      // Raised at once (an installation event is stored in this thread) or later: answered alike.
      response = CompletableFuture.failedFuture(e);
    }
    return response
        .exceptionally(
            failure -> {
              if (Futures.cause(failure) instanceof DataAccessException storeFailure) {
                return storeUnavailable(storeFailure, logContext);
              }
              throw new CompletionException(Futures.cause(failure));
            })
        .whenComplete(
            (answer, failure) -> {
              if (answer != null) {
                metrics.answered(event, answer, System.nanoTime() - started);
              }
            });
  }

  private CompletableFuture<ResponseEntity<?>> handle(
      HttpServletRequest request, String event, String delivery) {
    // Everything that can be refused without the body is refused before reading a byte of it.
    long declared = request.getContentLengthLong();
    if (declared > WebhookHeaders.MAX_PAYLOAD_BYTES) {
      return now(tooLarge());
    }
    WebhookSignature.Check check = signature.check(request.getHeader(WebhookHeaders.SIGNATURE));
    if (check.verdict() != WebhookSignature.Verdict.VALID) {
      return now(refuse(HttpStatus.UNAUTHORIZED, check.verdict().reason()));
    }
    String headerProblem = headerProblem(WebhookHeaders.EVENT, event);
    if (headerProblem == null) {
      headerProblem = headerProblem(WebhookHeaders.DELIVERY, delivery);
    }
    if (headerProblem != null) {
      return now(refuse(HttpStatus.BAD_REQUEST, headerProblem));
    }
    // In flight from here until answered, which may be after this thread has moved on.
    int inFlight = activity.entered();
    return untilAnswered(
        activity::left,
        () -> {
          String overLimit = shedding.reject(inFlight);
          return overLimit != null
              ? now(answer(delivery, new IngressOutcome.Shed(overLimit)))
              : receiveBody(request, declared, check, event, delivery);
        });
  }

  private CompletableFuture<ResponseEntity<?>> receiveBody(
      HttpServletRequest request,
      long declared,
      WebhookSignature.Check check,
      String event,
      String delivery) {
    // The body stays reserved until it is stored: that is how long it is held.
    BodyBudget.Reservation reservation = budget.open();
    return untilAnswered(
        reservation::close,
        () -> readAndAccept(request, declared, check, event, delivery, reservation));
  }

  /**
   * Holds something (a count, a reservation) until the answer {@code work} returns is complete, or
   * until {@code work} throws.
   */
  private static CompletableFuture<ResponseEntity<?>> untilAnswered(
      Runnable release, Supplier<CompletableFuture<ResponseEntity<?>>> work) {
    CompletableFuture<ResponseEntity<?>> answer;
    try {
      answer = work.get();
    } catch (RuntimeException | Error e) {
      release.run();
      throw e;
    }
    return answer.whenComplete((done, failure) -> release.run());
  }

  private CompletableFuture<ResponseEntity<?>> readAndAccept(
      HttpServletRequest request,
      long declared,
      WebhookSignature.Check check,
      String event,
      String delivery,
      BodyBudget.Reservation reservation) {
    byte[] body;
    try {
      body =
          BoundedBody.read(
              request.getInputStream(),
              declared,
              WebhookHeaders.MAX_PAYLOAD_BYTES,
              reservation,
              check);
    } catch (BoundedBody.PayloadTooLargeException e) {
      return now(tooLarge());
    } catch (BoundedBody.BudgetSpentException e) {
      String reason =
          (budget.total() - budget.available()) + " bytes of bodies are being read already";
      shedding.counted(reason);
      return now(answer(delivery, new IngressOutcome.Shed(reason)));
    } catch (IOException brokenOff) {
      return now(refuse(HttpStatus.BAD_REQUEST, "the body could not be read to its end"));
    }
    WebhookSignature.Verdict verdict = check.finish();
    if (verdict != WebhookSignature.Verdict.VALID) {
      log.warn("delivery {} ({}) refused: {}", delivery, event, verdict.reason());
      return now(refuse(HttpStatus.UNAUTHORIZED, verdict.reason()));
    }
    try {
      return ingress
          .acceptLater(delivery, event, body)
          .thenApply(outcome -> answer(delivery, outcome));
    } catch (MalformedPayloadException e) {
      log.warn("delivery {} ({}) refused: {}", delivery, event, e.getMessage());
      return now(refuse(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
  }

  private static CompletableFuture<ResponseEntity<?>> now(ResponseEntity<?> answer) {
    return CompletableFuture.completedFuture(answer);
  }

  /** The one place where an outcome becomes an answer. */
  private ResponseEntity<?> answer(String delivery, IngressOutcome outcome) {
    if (outcome instanceof IngressOutcome.Shed shed) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
          .body(new Refusal(shed.reason() + "; retry later"));
    }
    if (outcome instanceof IngressOutcome.Queued queued) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new Reply("queued", delivery, queued.jobId(), null));
    }
    if (outcome instanceof IngressOutcome.Recorded recorded) {
      return ResponseEntity.ok(new Reply("recorded", delivery, null, recorded.what()));
    }
    if (outcome instanceof IngressOutcome.Ignored ignored) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new Reply("ignored", delivery, null, ignored.reason()));
    }
    if (outcome instanceof IngressOutcome.Duplicate) {
      return ResponseEntity.ok(new Reply("duplicate delivery", delivery, null, null));
    }
    return ResponseEntity.ok(new Reply("pong", delivery, null, null));
  }

  /**
   * The store failed: GitHub sees an error and the delivery can be redelivered; nothing is
   * half-stored.
   */
  private static ResponseEntity<Refusal> storeUnavailable(
      DataAccessException e, String... logContext) {
    try (LogContext context = LogContext.with(logContext)) {
      log.error("could not store a delivery; answering 503 so that it can be redelivered", e);
    }
    return refuse(
        HttpStatus.SERVICE_UNAVAILABLE, "the delivery store is unavailable; redeliver later");
  }

  private static String loggable(String header) {
    return header != null && header.matches("[A-Za-z0-9_.-]{1," + MAX_HEADER_LENGTH + "}")
        ? header
        : null;
  }

  private static String headerProblem(String name, String value) {
    if (value == null || value.isBlank()) {
      return "missing " + name + " header";
    }
    if (value.length() > MAX_HEADER_LENGTH) {
      return name + " is longer than " + MAX_HEADER_LENGTH + " characters";
    }
    return null;
  }

  private static ResponseEntity<Refusal> tooLarge() {
    return refuse(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload larger than " + WebhookHeaders.MAX_PAYLOAD_BYTES + " bytes (GitHub's cap)");
  }

  private static ResponseEntity<Refusal> refuse(HttpStatus status, String error) {
    return ResponseEntity.status(status).body(new Refusal(error));
  }
}
