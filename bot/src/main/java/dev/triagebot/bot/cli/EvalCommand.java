package dev.triagebot.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.triage.CatalogFiles;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.eval.Confusion;
import dev.triagebot.classifier.eval.Dataset;
import dev.triagebot.classifier.eval.Evaluation;
import dev.triagebot.classifier.eval.EvaluationReport;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code eval}: classifies a labelled JSONL dataset and reports precision and recall. */
final class EvalCommand {
  static final String USAGE = "eval --dataset FILE.jsonl [--json] [--catalog DIR]";

  private final PrintStream out;
  private final PrintStream err;

  EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws IOException {
    CommandOptions arguments =
        CommandOptions.parse(
            List.of(args).subList(1, args.length), Set.of("dataset", "catalog"), Set.of("json"));
    Path file = Path.of(arguments.require("dataset"));
    if (!Files.isRegularFile(file)) {
      throw new CommandOptions.UsageException("dataset not found: " + file);
    }
    Dataset dataset = Dataset.read(file);
    dataset.rejected().forEach(line -> err.println("skipped " + line));
    SignatureCatalog catalog =
        CatalogFiles.load(arguments.get("catalog").map(Path::of).orElse(null));
    EvaluationReport report;
    try (SignatureMatcher matcher = new SignatureMatcher(catalog)) {
      report = new Evaluation(catalog, matcher).run(dataset);
    }
    if (arguments.flag("json")) {
      out.println(new ObjectMapper().writeValueAsString(toJson(report)));
    } else {
      printText(report);
    }
    return 0;
  }

  private void printText(EvaluationReport report) {
    out.println("Examples: " + report.examples());
    out.println();
    printTable("signature", report.signatures());
    out.println();
    printTable("label", report.labels());
    out.println();
    out.println("Misclassified: " + report.errors().size());
    for (EvaluationReport.Misclassification error : report.errors()) {
      out.println(
          "  "
              + error.id()
              + "  expected "
              + error.expected()
              + "  predicted "
              + error.predicted());
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
            .map(e -> Map.of("id", e.id(), "expected", e.expected(), "predicted", e.predicted()))
            .toList());
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
