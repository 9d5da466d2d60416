package dev.triagebot.classifier.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified K-fold assignment: positives and negatives are each shuffled with the seed and dealt
 * round-robin, so every fold holds its share of the rare positives and a seed always gives the same
 * folds.
 */
public final class Folds {
  private Folds() {}

  /** The fold (0 … k-1) of each example, in the examples' order. */
  public static int[] assign(List<Example> examples, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
    }
    long positives = examples.stream().filter(Example::positive).count();
    if (positives < k || examples.size() - positives < k) {
      throw new IllegalArgumentException(
          "cross-validation with "
              + k
              + " folds needs at least "
              + k
              + " positive and "
              + k
              + " negative records; got "
              + positives
              + " and "
              + (examples.size() - positives));
    }
    int[] fold = new int[examples.size()];
    Random random = new Random(seed);
    deal(examples, true, k, random, fold);
    deal(examples, false, k, random, fold);
    return fold;
  }

  private static void deal(
      List<Example> examples, boolean positive, int k, Random random, int[] fold) {
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).positive() == positive) {
        members.add(i);
      }
    }
    Collections.shuffle(members, random);
    for (int i = 0; i < members.size(); i++) {
      fold[members.get(i)] = i % k;
    }
  }

  /** The examples whose fold is (or, with {@code inFold} false, is not) the given one. */
  public static List<Example> select(
      List<Example> examples, int[] fold, int which, boolean inFold) {
    List<Example> selected = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      if ((fold[i] == which) == inFold) {
        selected.add(examples.get(i));
      }
    }
    return selected;
  }
}
