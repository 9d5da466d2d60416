package dev.triagebot.classifier.eval;

import dev.triagebot.classifier.catalog.FeatureNames;
import dev.triagebot.classifier.catalog.FittedModel;
import dev.triagebot.classifier.catalog.Signature;
import dev.triagebot.classifier.catalog.SignatureCatalog;
import dev.triagebot.classifier.fit.Example;
import dev.triagebot.classifier.fit.Folds;
import dev.triagebot.classifier.fit.ModelFitter;
import dev.triagebot.classifier.match.Observation;
import dev.triagebot.classifier.match.SignatureMatch;
import dev.triagebot.classifier.match.SignatureMatcher;
import dev.triagebot.classifier.match.Weighing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stratified K-fold cross-validation: each fold is scored by weights fitted (as {@code fit} does,
 * thresholds included) on the other folds only, and the folds' results are pooled. Records given as
 * training-only data (e.g. reports the team wrote) join every fold's training and are never scored.
 * A signature with fewer than K positives in the data keeps the catalog's weights.
 */
public final class CrossValidation {
  private final SignatureCatalog catalog;
  private final SignatureMatcher matcher;
  private final ModelFitter.Settings settings;

  public CrossValidation(
      SignatureCatalog catalog, SignatureMatcher matcher, ModelFitter.Settings settings) {
    this.catalog = catalog;
    this.matcher = matcher;
    this.settings = settings;
  }

  public EvaluationReport run(Dataset dataset) {
    return run(dataset, new Dataset(List.of(), List.of()));
  }

  public EvaluationReport run(Dataset dataset, Dataset trainingOnly) {
    TrainingData extra = TrainingData.observe(matcher, trainingOnly.issues());
    TrainingData data = TrainingData.observe(matcher, dataset.issues());
    int n = dataset.issues().size();
    List<List<SignatureMatch>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(new ArrayList<>());
    }
    Map<String, List<Double>> foldThresholds = new TreeMap<>();
    for (Signature signature : catalog.signatures()) {
      List<Example> examples = data.examples(signature);
      long positives = examples.stream().filter(Example::positive).count();
      if (positives < settings.folds() || n - positives < settings.folds()) {
        for (int i = 0; i < n; i++) {
          results.get(i).add(Weighing.weigh(data.observation(i, signature)));
        }
        continue;
      }
      int[] fold = Folds.assign(examples, settings.folds(), settings.seed());
      ModelFitter fitter = new ModelFitter(FeatureNames.all(signature), settings);
      List<Double> thresholds = new ArrayList<>();
      for (int k = 0; k < settings.folds(); k++) {
        ModelFitter.Fit fit =
            fitter.fit(Folds.select(examples, fold, k, false), extra.examples(signature));
        FittedModel model =
            new FittedModel(
                fit.coefficients().weights(),
                fit.coefficients().intercept(),
                fit.threshold(),
                fit.needsLook(),
                null,
                "fold " + (k + 1));
        thresholds.add(fit.threshold());
        Signature foldSignature = signature.withFitted(model);
        for (int i = 0; i < n; i++) {
          if (fold[i] == k) {
            Observation seen = data.observation(i, signature);
            results
                .get(i)
                .add(Weighing.weigh(new Observation(foldSignature, seen.hits(), seen.exemplars())));
          }
        }
      }
      foldThresholds.put(signature.id(), thresholds);
    }
    Tally tally = new Tally(catalog);
    for (int i = 0; i < n; i++) {
      tally.add(dataset.issues().get(i), results.get(i));
    }
    return tally.report(
        dataset.rejected(),
        // Not timed: a fold's matching is dwarfed by its fitting; plain eval reports the time.
        0,
        Optional.of(
            new EvaluationReport.CrossValidationInfo(
                settings.folds(), settings.seed(), foldThresholds)));
  }
}
