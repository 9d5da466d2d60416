package dev.triagebot.bot.index;

import dev.triagebot.bot.review.ReviewAccess;
import dev.triagebot.bot.review.ReviewProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an operator start a backfill in the running service ({@code POST /admin/backfill?repo=…})
 * and follow it ({@code GET /admin/backfill}), with the review token as a bearer. Disabled, like
 * the review page, while no token is configured.
 */
@RestController
public class BackfillController {
  private static final int DEFAULT_RESERVE = 500;
  private final ReviewAccess access;
  private final BackfillJobs jobs;

  public BackfillController(ReviewProperties review, BackfillJobs jobs) {
    this.access = new ReviewAccess(review.token());
    this.jobs = jobs;
  }

  @PostMapping("/admin/backfill")
  public ResponseEntity<?> start(
      @RequestParam("repo") String repository,
      @RequestParam(name = "reserve", defaultValue = "" + DEFAULT_RESERVE) int reserve,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    ResponseEntity<?> refused = refusal(authorization);
    if (refused != null) {
      return refused;
    }
    if (!repository.matches("[\\w.-]+/[\\w.-]+")) {
      return error(HttpStatus.BAD_REQUEST, "repo must be owner/name");
    }
    try {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.start(repository, reserve));
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.NOT_FOUND, e.getMessage());
    }
  }

  @GetMapping("/admin/backfill")
  public ResponseEntity<?> statuses(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    ResponseEntity<?> refused = refusal(authorization);
    if (refused != null) {
      return refused;
    }
    List<BackfillCheckpoints.Status> statuses = jobs.statuses();
    return ResponseEntity.ok(statuses);
  }

  private ResponseEntity<?> refusal(String authorization) {
    if (!access.enabled()) {
      return error(HttpStatus.NOT_FOUND, "disabled: set triage.review.token (TRIAGE_REVIEW_TOKEN)");
    }
    if (!access.bearer(authorization)) {
      return error(HttpStatus.UNAUTHORIZED, "send Authorization: Bearer <triage.review.token>");
    }
    return null;
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}
