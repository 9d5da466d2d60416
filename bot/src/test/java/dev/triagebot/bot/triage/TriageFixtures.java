package dev.triagebot.bot.triage;

import dev.triagebot.bot.issue.IssueSnapshot;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.Thresholds;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import java.util.List;

/** Hand-built signatures, matches and events for tests of the decision and the executor. */
public final class TriageFixtures {
  public static final String REPOSITORY = "octo-org/triage-sandbox";
  public static final long INSTALLATION = 4242;

  private TriageFixtures() {}

  /** The OAuth signature the tests revolve around, canonical issue 60260. */
  public static Signature oauthSignature() {
    return signature("mcp-oauth-token-not-honored", 0.5, 0.9);
  }

  public static Signature signature(String id, double matchThreshold, double applyThreshold) {
    return new Signature(
        id,
        "MCP server OAuth completes but the token is not used",
        60260,
        List.of("area:mcp", "area:auth"),
        null,
        new Thresholds(matchThreshold, applyThreshold),
        List.of(
            "Run `claude mcp list` and check whether the server shows **needs auth**.",
            "Remove the server's entry from `~/.claude/.credentials.json` and authenticate again."),
        "config/signatures/" + id + ".yml");
  }

  public static SignatureMatch match(Signature signature, double confidence) {
    return new SignatureMatch(
        signature,
        confidence * 10,
        confidence,
        true,
        List.of(
            new Evidence(
                "auth-completed", Evidence.Kind.SIGNAL, "body", "Authentication successful", 3.0),
            new Evidence("needs-auth", Evidence.Kind.SIGNAL, "title", "still needs auth", 2.5),
            new Evidence("mcp", Evidence.Kind.CONTEXT, "body", "MCP server", 1.0),
            new Evidence("not-oauth", Evidence.Kind.EXCLUSION, "body", "API key expired", -2.0)));
  }

  public static SignatureMatch matchWithEvidence(
      Signature signature, double confidence, Evidence... evidence) {
    return new SignatureMatch(signature, confidence * 10, confidence, true, List.of(evidence));
  }

  public static IssueSnapshot issue(int number, List<String> labels) {
    return new IssueSnapshot(
        INSTALLATION,
        REPOSITORY,
        number,
        "MCP server still needs auth after login",
        "Authentication successful, but the MCP server still shows needs auth.",
        labels,
        "reporter",
        false,
        false,
        "open",
        "https://github.com/" + REPOSITORY + "/issues/" + number);
  }

  public static IssueEvent event(String action, IssueSnapshot issue) {
    return new IssueEvent("delivery-" + action + "-" + issue.number(), action, issue);
  }
}
