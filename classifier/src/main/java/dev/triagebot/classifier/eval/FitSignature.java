package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.FeatureNames;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.fit.Example;
import dev.triagebot.classifier.fit.FittedFile;
import dev.triagebot.classifier.fit.ModelFitter;
import dev.triagebot.classifier.match.SignatureMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code fit} command does, as a library call: observes the labelled reports, fits the
 * signature's weights and thresholds, and cross-validates the same procedure so the fitted file can
 * say how well it did on reports it was not fitted on.
 */
public final class FitSignature {
  private final SignatureCatalog catalog;
  private final ModelFitter.Settings settings;

  public FitSignature(SignatureCatalog catalog, ModelFitter.Settings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /**
   * The outcome of a fit.
   *
   * @param signature the signature fitted, without any earlier fitted weights
   * @param fit the weights and thresholds
   * @param crossValidation the same fitting procedure cross-validated on the scored data
   * @param data the files fitted on
   * @param fittedOn the day of the fit
   * @param settings the folds, seed and target precision it was fitted with
   */
  public record Result(
      Signature signature,
      ModelFitter.Fit fit,
      EvaluationReport crossValidation,
      List<DataFile> data,
      LocalDate fittedOn,
      ModelFitter.Settings settings) {}

  /**
   * One file the fit read.
   *
   * @param name the file's name as given
   * @param sha256 the hash of its bytes, so a reviewer can tell which version was used
   * @param records how many records it held
   * @param positives how many of them are instances of the signature
   * @param scored whether its records chose the thresholds and were cross-validated, or only joined
   *     the training
   */
  public record DataFile(String name, String sha256, int records, int positives, boolean scored) {}

  /**
   * Fits one signature.
   *
   * @param signatureId the signature to fit
   * @param scored real reports: fitted on, and used to choose thresholds and to cross-validate
   * @param trainingOnly reports that only join the training (e.g. written by the team)
   */
  public Result fit(
      String signatureId,
      Dataset scored,
      Dataset trainingOnly,
      List<DataFile> files,
      LocalDate today) {
    Signature signature =
        catalog
            .find(signatureId)
            .orElseThrow(() -> new IllegalArgumentException("no signature '" + signatureId + "'"));
    try (SignatureMatcher matcher = new SignatureMatcher(catalog)) {
      List<Example> examples = TrainingData.observe(matcher, scored.issues()).examples(signature);
      List<Example> extra =
          TrainingData.observe(matcher, trainingOnly.issues()).examples(signature);
      ModelFitter.Fit fit =
          new ModelFitter(FeatureNames.all(signature), settings).fit(examples, extra);
      EvaluationReport crossValidation =
          new CrossValidation(catalog, matcher, settings).run(scored, trainingOnly);
      return new Result(signature, fit, crossValidation, files, today, settings);
    }
  }

  /** The fitted file's text: weights, thresholds, and where they came from. */
  public static String render(Result result) {
    Signature signature = result.signature();
    ModelFitter.Fit fit = result.fit();
    Confusion cv = result.crossValidation().signatures().get(signature.id());
    FittedFile file =
        new FittedFile()
            .comment(
                String.join(
                    "\n",
                    "Fitted weights of " + signature.id() + ", written by `fit`; review them, then",
                    "commit. The matcher reads this file beside " + signature.id() + ".yml:",
                    "confidence = 1 / (1 + exp(-(intercept + the weights of the features shown))).",
                    "signal.NAME.FIELD and exclusion.NAME fire on the entry's queries, facet.NAME,",
                    "facet.NAME.title (shown in the title) and facets.all on its facets;",
                    "exemplar.* are the similarity to the known reports in",
                    signature.id() + "/examples/. A feature without a weight",
                    "weighs 0. Regenerate rather than edit (README, \"Fitting a signature\")."))
            .value("signature", signature.id())
            .value("fitted_on", result.fittedOn().toString())
            .model("logistic regression (liblinear L2R_LR)", fit.c(), fit.coefficients())
            .value("threshold", fit.threshold())
            .value("needs_look", fit.needsLook())
            .value("target_precision", result.settings().targetPrecision());
    List<Map<String, Object>> data = new ArrayList<>();
    for (DataFile dataFile : result.data()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", dataFile.name());
      item.put("sha256", dataFile.sha256());
      item.put("records", dataFile.records());
      item.put("positives", dataFile.positives());
      item.put("role", dataFile.scored() ? "fitted, thresholds, cross-validated" : "training only");
      data.add(item);
    }
    file.list("data", data);
    Map<String, Object> exemplars = new LinkedHashMap<>();
    exemplars.put("instances", signature.exemplars().stream().filter(e -> e.instance()).count());
    exemplars.put("look_alikes", signature.exemplars().stream().filter(e -> !e.instance()).count());
    file.mapping("exemplars", exemplars);
    Map<String, Object> crossValidation = new LinkedHashMap<>();
    crossValidation.put("folds", result.settings().folds());
    crossValidation.put("seed", result.settings().seed());
    crossValidation.put("precision", cv.precision());
    crossValidation.put("recall", cv.recall());
    crossValidation.put("f1", cv.f1());
    crossValidation.put("tp", cv.tp());
    crossValidation.put("fp", cv.fp());
    crossValidation.put("fn", cv.fn());
    crossValidation.put(
        "false_positives_by_group",
        new LinkedHashMap<String, Object>(
            result.crossValidation().falsePositivesByGroup().get(signature.id())));
    file.mapping("cv", crossValidation);
    return file.text();
  }
}
