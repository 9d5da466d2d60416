package dev.triagebot.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.match.Evidence;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import dev.triagebot.classifier.text.IssueText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code classify}: matches one issue text and shows the verdict, the evidence and the checklist.
 * Plain Java, no Spring, so that it answers in well under a second.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Match one issue text against the signature catalog and show the evidence.")
final class ClassifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--title", required = true, paramLabel = "TEXT", description = "issue title")
  String title;

  @ArgGroup(multiplicity = "1")
  Body body;

  /** Where the body comes from: exactly one of these. */
  static final class Body {
    @Option(
        names = "--body-file",
        paramLabel = "FILE",
        description = "file holding the issue body; - reads standard input")
    String file;

    @Option(names = "--body", paramLabel = "TEXT", description = "the issue body itself")
    String text;
  }

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Mixin CatalogOption catalog;

  private final InputStream in;
  private final PrintStream out;

  ClassifyCommand(InputStream in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    IssueText issue = new IssueText(title, body());
    SignatureCatalog signatures = catalog.load();
    List<SignatureMatch> scores;
    try (SignatureMatcher matcher = new SignatureMatcher(signatures)) {
      scores = matcher.score(issue);
    }
    if (json) {
      printJson(scores);
    } else {
      printText(scores);
    }
    return TriageBotCommand.OK;
  }

  private String body() throws IOException {
    if (body.text != null) {
      return body.text;
    }
    if (body.file.equals("-")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path path = Path.of(body.file);
    if (!Files.isRegularFile(path)) {
      throw new ParameterException(spec.commandLine(), "body file not found: " + body.file);
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  private void printText(List<SignatureMatch> scores) {
    List<SignatureMatch> matched = scores.stream().filter(SignatureMatch::matched).toList();
    if (matched.isEmpty()) {
      out.println("No signature matched.");
      scores.stream()
          .findFirst()
          .ifPresent(
              best -> {
                out.printf(
                    Locale.ROOT,
                    "Closest: %s at confidence %.2f (needs %.2f)%n",
                    best.signature().id(),
                    best.confidence(),
                    best.signature().thresholds().match());
                printEvidence(best.evidence());
              });
      return;
    }
    for (SignatureMatch match : matched) {
      var signature = match.signature();
      out.printf("Signature:  %s%n            %s%n", signature.id(), signature.title());
      out.printf(
          Locale.ROOT,
          "Confidence: %.2f (match from %.2f, apply from %.2f)%n",
          match.confidence(),
          signature.thresholds().match(),
          signature.thresholds().apply());
      out.println("Labels:     " + String.join(", ", signature.labels()));
      out.println("Duplicate:  #" + signature.canonicalIssue());
      printEvidence(match.evidence());
      out.println("Checklist the bot would post:");
      signature.checklist().forEach(item -> out.println("  - [ ] " + item));
      out.println();
    }
  }

  private void printEvidence(List<Evidence> evidence) {
    out.println("Evidence:");
    if (evidence.isEmpty()) {
      out.println("  (nothing)");
    }
    for (Evidence hit : evidence) {
      out.printf(
          Locale.ROOT,
          "  %s %-28s %-5s %+.2f  \"%s\"%n",
          hit.kind() == Evidence.Kind.EXCLUSION ? "-" : "+",
          hit.signal(),
          hit.field(),
          hit.weight(),
          hit.matchedText());
    }
  }

  private void printJson(List<SignatureMatch> scores) throws IOException {
    List<Map<String, Object>> results = scores.stream().map(ClassifyCommand::toJson).toList();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "matched",
        scores.stream().filter(SignatureMatch::matched).map(m -> m.signature().id()).toList());
    json.put("results", results);
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
  }

  private static Map<String, Object> toJson(SignatureMatch match) {
    var signature = match.signature();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("signature", signature.id());
    json.put("title", signature.title());
    json.put("matched", match.matched());
    json.put("confidence", round(match.confidence()));
    json.put("score", round(match.score()));
    json.put(
        "thresholds", thresholds(signature.thresholds().match(), signature.thresholds().apply()));
    json.put("labels", signature.labels());
    json.put("canonical_issue", signature.canonicalIssue());
    json.put(
        "evidence",
        match.evidence().stream()
            .map(
                e -> {
                  Map<String, Object> hit = new LinkedHashMap<>();
                  hit.put("signal", e.signal());
                  hit.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
                  hit.put("field", e.field());
                  hit.put("text", e.matchedText());
                  hit.put("weight", e.weight());
                  return hit;
                })
            .toList());
    json.put("checklist", signature.checklist());
    return json;
  }

  /** In a fixed order, so that the output reads the same every run. */
  private static Map<String, Double> thresholds(double match, double apply) {
    Map<String, Double> thresholds = new LinkedHashMap<>();
    thresholds.put("match", match);
    thresholds.put("apply", apply);
    return thresholds;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
