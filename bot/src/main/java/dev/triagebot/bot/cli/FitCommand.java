package dev.triagebot.bot.cli;

import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.eval.Dataset;
import dev.triagebot.classifier.eval.FitSignature;
import dev.triagebot.classifier.eval.HistoryExamples;
import dev.triagebot.classifier.eval.HistoryRecord;
import dev.triagebot.classifier.eval.HistoryRecordReader;
import dev.triagebot.classifier.eval.LabelledIssue;
import dev.triagebot.classifier.fit.ModelFitter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code fit}: fits a signature's weights and thresholds on labelled reports and writes the fitted
 * file for a maintainer to review. The service never refits by itself; this is the operator's
 * command. Plain Java, no Spring.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description =
        "Fit a signature's weights and thresholds on labelled reports (logistic regression,"
            + " cross-validated) and write <id>.fitted.yml for review.")
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--signature",
      required = true,
      paramLabel = "ID",
      description = "the catalog signature to fit")
  String signatureId;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "FILE.jsonl",
      description =
          "labelled real reports, repeatable: fitted on, choose the thresholds, cross-validated")
  List<Path> datasets;

  @Option(
      names = "--train-only",
      paramLabel = "FILE.jsonl",
      description =
          "labelled reports that only join the training (e.g. ones the team wrote), repeatable")
  List<Path> trainOnly = new ArrayList<>();

  @Option(
      names = "--history",
      paramLabel = "FILE.jsonl",
      description =
          "a repository's issues (eval --history format), repeatable: the canonical issue and its"
              + " duplicates join the training as instances, other closed issues as others")
  List<Path> histories = new ArrayList<>();

  @Option(
      names = "--from-store",
      description =
          "what the deployment's store learned joins the training: its known issues as --history"
              + " does, and maintainers' verdicts on the signature's suggestions (accepted:"
              + " instance; rejected or objected: other). Spring settings such as"
              + " --spring.datasource.url=... choose the store")
  boolean fromStore;

  @Unmatched List<String> springArguments = new ArrayList<>();

  @Option(
      names = "--target-precision",
      defaultValue = "0.7",
      paramLabel = "P",
      description = "precision the match threshold aims for (default: ${DEFAULT-VALUE})")
  double targetPrecision;

  @Option(
      names = "--folds",
      defaultValue = "5",
      paramLabel = "K",
      description = "folds of the cross-validation (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "seed of the fold assignment (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "where to write the fitted file, e.g. config/signatures/<id>.fitted.yml"
              + " (default: standard output)")
  Path output;

  @Mixin CatalogOption catalog;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  FitCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (targetPrecision <= 0 || targetPrecision > 1) {
      throw new ParameterException(spec.commandLine(), "--target-precision must be in (0,1]");
    }
    if (folds < 2) {
      throw new ParameterException(spec.commandLine(), "--folds must be at least 2");
    }
    SignatureCatalog signatures = catalog.load();
    if (signatures.find(signatureId).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "no signature '"
              + signatureId
              + "' in the catalog; it has "
              + signatures.signatures().stream().map(s -> s.id()).toList());
    }
    List<FitSignature.DataFile> files = new ArrayList<>();
    Dataset scored = read(datasets, true, files);
    Signature signature = signatures.find(signatureId).orElseThrow();
    Dataset extra = read(trainOnly, false, files).with(history(signature, files));
    if (fromStore) {
      Optional<List<LabelledIssue>> learned = fromStore(signature, files);
      if (learned.isEmpty()) {
        return TriageBotCommand.FAILED;
      }
      extra = extra.with(learned.get());
    }
    FitSignature.Result result;
    try {
      result =
          new FitSignature(signatures, new ModelFitter.Settings(folds, seed, targetPrecision))
              .fit(signatureId, scored, extra, files, LocalDate.now(clock));
    } catch (IllegalArgumentException tooLittle) {
      throw new ParameterException(spec.commandLine(), tooLittle.getMessage());
    }
    String yaml = FitSignature.render(result);
    if (output == null) {
      out.print(yaml);
    } else {
      Files.writeString(output, yaml, StandardCharsets.UTF_8);
      var cv = result.crossValidation().signatures().get(signatureId);
      err.printf(
          java.util.Locale.ROOT,
          "wrote %s: threshold %.2f, %d-fold cross-validation precision %.3f recall %.3f"
              + " (tp %d, fp %d, fn %d); review it before committing%n",
          output,
          result.fit().threshold(),
          folds,
          cv.precision(),
          cv.recall(),
          cv.tp(),
          cv.fp(),
          cv.fn());
    }
    return TriageBotCommand.OK;
  }

  private Dataset read(List<Path> paths, boolean scoredData, List<FitSignature.DataFile> files)
      throws IOException {
    List<DatasetFiles.Loaded> loaded = DatasetFiles.read(paths, err, spec.commandLine());
    for (DatasetFiles.Loaded file : loaded) {
      files.add(describe(file, scoredData));
    }
    return DatasetFiles.merged(loaded);
  }

  /** The training examples the histories give, each file named in the fitted file's provenance. */
  private List<LabelledIssue> history(Signature signature, List<FitSignature.DataFile> files)
      throws IOException {
    List<LabelledIssue> examples = new ArrayList<>();
    for (Path path : histories) {
      if (!Files.isRegularFile(path)) {
        throw new ParameterException(spec.commandLine(), "history not found: " + path);
      }
      HistoryExamples.Split split;
      try {
        split = HistoryExamples.of(HistoryRecordReader.read(path), signature);
      } catch (IllegalArgumentException | UncheckedIOException unreadable) {
        throw new ParameterException(spec.commandLine(), unreadable.getMessage());
      }
      err.printf(
          Locale.ROOT,
          "history %s: %d instances, %d others, %d open and undecided (left out)%n",
          path,
          split.instances(),
          split.others(),
          split.undecided());
      DatasetFiles.Loaded file =
          new DatasetFiles.Loaded(
              path, Files.readAllBytes(path), new Dataset(split.examples(), List.of()));
      files.add(describe(file, false));
      examples.addAll(split.examples());
    }
    return examples;
  }

  /** The store's examples, or empty when the store cannot be opened (already said why). */
  private Optional<List<LabelledIssue>> fromStore(
      Signature signature, List<FitSignature.DataFile> files) {
    String[] configuration = SpringArguments.validated(spec, springArguments);
    List<StoreHistory> read = new ArrayList<>();
    int exit =
        StoreAccess.withStore(
            StoreCommandApplication.class,
            "fit",
            configuration,
            err,
            store -> {
              DataSource dataSource = store.getBean(DataSource.class);
              read.add(
                  StoreHistory.read(
                      new JdbcTemplate(dataSource),
                      new DataSourceTransactionManager(dataSource),
                      signatureId));
              return TriageBotCommand.OK;
            });
    if (exit != TriageBotCommand.OK) {
      return Optional.empty();
    }
    StoreHistory history = read.get(0);
    HistoryExamples.Split split =
        HistoryExamples.of(history.issues(), signature, history.verdicts());
    Set<String> stored =
        history.issues().stream().map(HistoryRecord::name).collect(Collectors.toSet());
    long withoutText =
        history.verdicts().keySet().stream().filter(key -> !stored.contains(key)).count();
    err.printf(
        Locale.ROOT,
        "store: %d known issues, %d verdicts: %d instances, %d others, %d open and undecided (left"
            + " out), %d verdicts on issues whose text the store does not hold (left out)%n",
        history.issues().size(),
        history.verdicts().size(),
        split.instances(),
        split.others(),
        split.undecided(),
        withoutText);
    files.add(
        describe(
            new DatasetFiles.Loaded(
                Path.of("store"),
                fingerprint(split.examples()),
                new Dataset(split.examples(), List.of())),
            false));
    return Optional.of(split.examples());
  }

  /** What the store gave, so that two fits on the same store show the same hash. */
  private static byte[] fingerprint(List<LabelledIssue> examples) {
    StringBuilder all = new StringBuilder();
    for (LabelledIssue example : examples) {
      all.append(example.id())
          .append('\u0000')
          .append(example.signatures())
          .append('\u0000')
          .append(example.text().title())
          .append('\u0000')
          .append(example.text().body())
          .append('\u0001');
    }
    return all.toString().getBytes(StandardCharsets.UTF_8);
  }

  private FitSignature.DataFile describe(DatasetFiles.Loaded file, boolean scoredData) {
    int positives =
        (int)
            file.dataset().issues().stream()
                .filter(issue -> issue.signatures().contains(signatureId))
                .count();
    return new FitSignature.DataFile(
        file.path().getFileName().toString(),
        sha256(file.bytes()),
        file.dataset().issues().size(),
        positives,
        scoredData);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
