package dev.triagebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.eval.Confusion;
import dev.triagebot.classifier.eval.CrossValidation;
import dev.triagebot.classifier.eval.Dataset;
import dev.triagebot.classifier.eval.Evaluation;
import dev.triagebot.classifier.eval.EvaluationReport;
import dev.triagebot.classifier.eval.HistoryEvaluation;
import dev.triagebot.classifier.eval.HistoryEvaluationResult;
import dev.triagebot.classifier.fit.ModelFitter;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import dev.triagebot.classifier.similar.SignatureCanonical;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: classifies a labelled JSONL dataset and reports precision and recall; with {@code
 * --history}, also indexes the history and scores duplicate links and label suggestions. Plain
 * Java, no Spring. Each option is one field, so that adding one is adding a field.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Score the catalog on a labelled JSON Lines set (precision, recall, errors).")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "labelled records: id, title, body, labels, signatures, group; repeatable")
  List<Path> datasetFiles;

  @Option(
      names = "--cv",
      arity = "0..1",
      fallbackValue = "5",
      paramLabel = "K",
      description =
          "stratified K-fold cross-validation (K defaults to 5): each fold is scored by weights"
              + " fitted on the other folds, as `fit` fits them")
  Integer folds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "seed of the cross-validation's folds (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--train-only",
      paramLabel = "FILE.jsonl",
      description = "with --cv: records that join every fold's training and are never scored")
  List<Path> trainOnlyFiles = new ArrayList<>();

  @Option(
      names = "--target-precision",
      defaultValue = "0.7",
      paramLabel = "P",
      description =
          "with --cv: the precision each fold's threshold aims for (default: ${DEFAULT-VALUE})")
  double targetPrecision;

  @Option(
      names = "--history",
      paramLabel = "FILE.jsonl",
      description = "past issues to index; then duplicate links and label suggestions are scored")
  Path historyFile;

  @Option(names = "--json", description = "print one JSON object instead of tables")
  boolean json;

  @Mixin CatalogOption catalog;

  private final PrintStream out;
  private final PrintStream err;

  EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    Dataset dataset = read(datasetFiles);
    Path file = datasetFiles.get(0);
    Optional<Path> history = Optional.ofNullable(historyFile).map(f -> existing(f, "history"));
    if (history.isPresent() && datasetFiles.size() > 1) {
      throw new ParameterException(spec.commandLine(), "--history takes one --dataset");
    }
    if (folds != null && folds < 2) {
      throw new ParameterException(spec.commandLine(), "--cv needs at least 2 folds");
    }
    SignatureCatalog signatures = catalog.load();
    EvaluationReport report;
    HistoryEvaluationResult historyResult = null;
    try (SignatureMatcher matcher = new SignatureMatcher(signatures)) {
      report =
          folds == null
              ? new Evaluation(signatures, matcher).run(dataset)
              : crossValidate(signatures, matcher, dataset);
      if (history.isPresent()) {
        historyResult = evaluateHistory(history.get(), file, matcher);
      }
    }
    if (json) {
      // Made here, not in a static field: every command is built to parse the arguments, and
      // Jackson's classes would cost the others a few hundred milliseconds of start-up.
      ObjectMapper mapper = new ObjectMapper();
      Map<String, Object> object = toJson(report);
      if (historyResult != null) {
        // Same keys as HistoryEvaluationResult's own JSON, so both outputs read alike.
        JsonNode historyJson = mapper.valueToTree(historyResult);
        object.put("history_size", historyJson.get("history_size"));
        object.put("duplicates", historyJson.get("duplicates"));
        object.put("label_suggestions", historyJson.get("label_suggestions"));
      }
      out.println(mapper.writeValueAsString(object));
    } else {
      printText(report);
      if (historyResult != null) {
        printHistory(historyResult);
      }
    }
    return TriageBotCommand.OK;
  }

  private EvaluationReport crossValidate(
      SignatureCatalog signatures, SignatureMatcher matcher, Dataset dataset) throws IOException {
    try {
      return new CrossValidation(
              signatures, matcher, new ModelFitter.Settings(folds, seed, targetPrecision))
          .run(dataset, read(trainOnlyFiles));
    } catch (IllegalArgumentException unfit) {
      throw new ParameterException(spec.commandLine(), unfit.getMessage());
    }
  }

  /** The records of every file, in order; unreadable lines are reported and skipped. */
  private Dataset read(List<Path> files) throws IOException {
    return DatasetFiles.merged(DatasetFiles.read(files, err, spec.commandLine()));
  }

  private Path existing(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new ParameterException(spec.commandLine(), what + " not found: " + path);
    }
    return path;
  }

  /**
   * Indexes the history, then links and labels each dataset record as the bot would: the canonical
   * issue of the best matching signature first.
   */
  private HistoryEvaluationResult evaluateHistory(
      Path history, Path dataset, SignatureMatcher matcher) {
    try {
      return HistoryEvaluation.withDefaults()
          .evaluate(
              history,
              dataset,
              text ->
                  matcher.match(text).stream()
                      .filter(SignatureMatch::matched)
                      .max(Comparator.comparingDouble(SignatureMatch::confidence))
                      .flatMap(match -> SignatureCanonical.of(match.signature())));
    } catch (IllegalArgumentException malformed) {
      throw new ParameterException(spec.commandLine(), malformed.getMessage());
    }
  }

  private void printHistory(HistoryEvaluationResult history) {
    HistoryEvaluationResult.DuplicateLinkScores d = history.duplicates();
    out.println();
    out.println("History: " + history.historySize() + " issues indexed");
    out.printf(
        Locale.ROOT,
        "Duplicate links over %d records with duplicate_of: precision@1 %s, precision@3 %s,"
            + " recall@3 %s%n",
        d.records(),
        ratio(d.precisionAt1()),
        ratio(d.precisionAt3()),
        ratio(d.recallAt3()));
    out.println("  missed: " + (d.misses().isEmpty() ? "none" : String.join(", ", d.misses())));
    out.printf(
        "  records without duplicate_of that got a link anyway: %d of %d%n",
        d.otherRecordsLinked(), d.otherRecords());
    out.println();
    out.printf(
        "%-32s %8s %9s %7s %9s %7s%n",
        "suggested label", "expected", "suggested", "correct", "precision", "recall");
    history
        .labelSuggestions()
        .forEach(
            (label, s) ->
                out.printf(
                    Locale.ROOT,
                    "%-32s %8d %9d %7d %9s %7s%n",
                    label,
                    s.expected(),
                    s.suggested(),
                    s.correct(),
                    ratio(s.precision()),
                    ratio(s.recall())));
  }

  private static String ratio(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }

  private void printText(EvaluationReport report) {
    out.println("Examples: " + report.examples());
    out.println();
    printTable("signature", report.signatures());
    out.println();
    printTable("label", report.labels());
    out.println();
    report
        .crossValidation()
        .ifPresent(
            cv ->
                out.printf(
                    "Cross-validation: %d folds, seed %d; each fold's threshold: %s%n%n",
                    cv.folds(), cv.seed(), cv.foldThresholds()));
    report
        .falsePositivesByGroup()
        .forEach(
            (signature, byGroup) ->
                out.printf(
                    "False positives of %s by group: %s (of %s)%n",
                    signature, byGroup, report.groups()));
    out.println();
    report
        .thresholds()
        .forEach(
            (signature, rows) -> {
              out.println("Had the match threshold of " + signature + " been:");
              out.printf(
                  "%9s %4s %4s %4s %9s %7s %6s%n",
                  "threshold", "tp", "fp", "fn", "precision", "recall", "f1");
              rows.forEach(
                  row ->
                      out.printf(
                          Locale.ROOT,
                          "%9.1f %4d %4d %4d %9.3f %7.3f %6.3f%n",
                          row.threshold(),
                          row.counts().tp(),
                          row.counts().fp(),
                          row.counts().fn(),
                          row.counts().precision(),
                          row.counts().recall(),
                          row.counts().f1()));
            });
    out.println();
    if (report.millisPerIssue() > 0) {
      out.printf(
          Locale.ROOT, "Matching time: %.2f ms per issue (warm)%n%n", report.millisPerIssue());
    }
    out.println("Misclassified: " + report.errors().size());
    for (EvaluationReport.Misclassification error : report.errors()) {
      out.printf(
          Locale.ROOT,
          "  %s  expected %s  predicted %s  group %s  confidence %.2f%n",
          error.id(),
          error.expected(),
          error.predicted(),
          error.group().isEmpty() ? "-" : error.group(),
          error.confidence());
    }
  }

  private void printTable(String heading, Map<String, Confusion> rows) {
    out.printf(
        "%-32s %4s %4s %4s %4s %9s %7s %6s%n",
        heading, "tp", "fp", "fn", "tn", "precision", "recall", "f1");
    rows.forEach(
        (name, c) ->
            out.printf(
                Locale.ROOT,
                "%-32s %4d %4d %4d %4d %9.3f %7.3f %6.3f%n",
                name,
                c.tp(),
                c.fp(),
                c.fn(),
                c.tn(),
                c.precision(),
                c.recall(),
                c.f1()));
  }

  private static Map<String, Object> toJson(EvaluationReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("examples", report.examples());
    json.put("signatures", counts(report.signatures()));
    json.put("labels", counts(report.labels()));
    json.put(
        "errors",
        report.errors().stream()
            .map(
                e -> {
                  Map<String, Object> error = new LinkedHashMap<>();
                  error.put("id", e.id());
                  error.put("expected", e.expected());
                  error.put("predicted", e.predicted());
                  error.put("group", e.group());
                  error.put("confidence", e.confidence());
                  return error;
                })
            .toList());
    if (report.millisPerIssue() > 0) {
      json.put("millis_per_issue", report.millisPerIssue());
    }
    json.put("false_positives_by_group", report.falsePositivesByGroup());
    json.put("thresholds", thresholds(report));
    report
        .crossValidation()
        .ifPresent(
            cv -> {
              Map<String, Object> object = new LinkedHashMap<>();
              object.put("folds", cv.folds());
              object.put("seed", cv.seed());
              object.put("by_group", report.falsePositivesByGroup());
              object.put("thresholds", thresholds(report));
              object.put("fold_thresholds", cv.foldThresholds());
              object.put("needs_look", counts(report.needsLook()));
              json.put("cv", object);
            });
    return json;
  }

  private static Map<String, Object> thresholds(EvaluationReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    report
        .thresholds()
        .forEach(
            (signature, rows) ->
                json.put(
                    signature,
                    rows.stream()
                        .map(
                            row -> {
                              Map<String, Object> item = new LinkedHashMap<>();
                              item.put("threshold", row.threshold());
                              item.put("precision", row.counts().precision());
                              item.put("recall", row.counts().recall());
                              item.put("f1", row.counts().f1());
                              return item;
                            })
                        .toList()));
    return json;
  }

  private static Map<String, Object> counts(Map<String, Confusion> rows) {
    Map<String, Object> json = new LinkedHashMap<>();
    rows.forEach(
        (name, c) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("tp", c.tp());
          row.put("fp", c.fp());
          row.put("fn", c.fn());
          row.put("tn", c.tn());
          row.put("precision", c.precision());
          row.put("recall", c.recall());
          row.put("f1", c.f1());
          json.put(name, row);
        });
    return json;
  }
}
