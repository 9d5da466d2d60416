package dev.triagebot.bot.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of plans, scores and executions: what dry-run logs and the audit stores. */
final class PlanJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Longest error message kept; GitHub's error bodies can be long and say little more. */
  private static final int ERROR_LIMIT = 2000;

  private PlanJson() {}

  static String plan(TriagePlan plan) {
    return JSON.writeValueAsString(plan);
  }

  static String matches(List<MatchScore> matches) {
    return JSON.writeValueAsString(matches);
  }

  static String execution(Execution execution) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", execution.status());
    view.put("labelsAdded", execution.labelsAdded());
    view.put("labelsNotInRepository", execution.labelsNotInRepository());
    view.put("comment", execution.comment());
    view.put("commentId", execution.commentId());
    view.put("error", error(execution));
    return JSON.writeValueAsString(view);
  }

  /** The failure as one line: its type and message, shortened. Never a stack trace. */
  static String error(Execution execution) {
    return execution
        .failed()
        .map(
            failure -> {
              String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
              return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT) + "…";
            })
        .orElse(null);
  }
}
