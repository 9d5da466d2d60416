package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Serves {@code POST /github/webhook} first in the filter chain, ahead of Spring MVC: a burst is a
 * thousand of these a second on two cores, and the dispatcher, its filters and its content
 * negotiation cost about half as much per request as the delivery's own checks (a flight recording
 * at 500 a second). Other methods on this path are answered 405, as Spring MVC did.
 *
 * <p>A delivery waiting for its commit does not hold a request thread: the request goes
 * asynchronous and a small pool of its own writes the answer once the delivery is stored, so the
 * web server no longer needs a thread per delivery in flight (what it did to bursts is measured in
 * the README's "Ingress under load").
 */
final class WebhookFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(WebhookFilter.class);
  private static final ObjectWriter JSON = JsonMapper.builder().build().writer();

  /**
   * The longest an asynchronous request stays open: past the store's own deadline (8 s), which
   * answers first; this only catches an answer that never comes.
   */
  static final Duration ANSWER_DEADLINE = Duration.ofSeconds(9);

  private final WebhookController controller;
  private final ExecutorService answers;

  WebhookFilter(WebhookController controller) {
    this.controller = controller;
    // Writing an answer is a few microseconds of work; the group commit's one writer thread must
    // not spend its time on hundreds of them after each commit.
    AtomicInteger count = new AtomicInteger();
    this.answers =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "webhook-answer-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!"POST".equals(http.getMethod())) {
      write(
          ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
              .allow(HttpMethod.POST)
              .body(new WebhookController.Refusal("method not allowed; deliveries are POSTed")),
          (HttpServletResponse) response);
      return;
    }
    CompletableFuture<ResponseEntity<?>> answer = controller.receive(http);
    if (answer.isDone() || !request.isAsyncSupported()) {
      // Answered already, or a container that cannot wait: the store's deadline bounds the join.
      write(join(answer), (HttpServletResponse) response);
      return;
    }
    answerLater(request.startAsync(request, response), answer);
  }

  private void answerLater(AsyncContext async, CompletableFuture<ResponseEntity<?>> answer) {
    async.setTimeout(ANSWER_DEADLINE.toMillis());
    AtomicBoolean answered = new AtomicBoolean();
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) {
            finish(
                async,
                answered,
                ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(
                        new WebhookController.Refusal(
                            "the delivery was not stored in time; redeliver later")));
          }

          @Override
          public void onError(AsyncEvent event) {
            // The connection broke: there is no one to answer. The delivery, if stored, stays so.
            answered.set(true);
          }

          @Override
          public void onComplete(AsyncEvent event) {}

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
    answer.whenCompleteAsync(
        (done, failure) -> finish(async, answered, done != null ? done : internalError(failure)),
        answers);
  }

  /** Writes the answer unless one was written already (the deadline and the commit can race). */
  private static void finish(AsyncContext async, AtomicBoolean answered, ResponseEntity<?> answer) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    try {
      HttpServletResponse response = (HttpServletResponse) async.getResponse();
      write(answer, response);
      // Sent now: completing hands the connection back through the web server's own queue.
      response.flushBuffer();
    } catch (IOException | RuntimeException gone) {
      log.debug("could not write a webhook answer: the connection is gone", gone);
    } finally {
      try {
        async.complete();
      } catch (IllegalStateException alreadyOver) {
        log.debug("the webhook request was over before its answer", alreadyOver);
      }
    }
  }

  private static ResponseEntity<?> join(CompletableFuture<ResponseEntity<?>> answer) {
    try {
      return answer.join();
    } catch (CompletionException failed) {
      return internalError(Futures.cause(failed));
    }
  }

  private static ResponseEntity<?> internalError(Throwable failure) {
    log.error("a webhook delivery could not be answered", failure);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(new WebhookController.Refusal("internal error; redeliver later"));
  }

  @Override
  public void destroy() {
    answers.shutdown();
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
