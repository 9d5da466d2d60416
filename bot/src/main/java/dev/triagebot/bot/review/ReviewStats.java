package dev.triagebot.bot.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often the bot was right so far, per signature and per label: what {@code /review/stats.json}
 * serves and the review page shows.
 *
 * @param signatures per signature, by id: the bot's public suggestions only
 * @param labels per label, by name: the labels of public suggestions only
 * @param needsLook per signature, the reports listed as "needs a look" and what maintainers said
 * @param sinceFit per signature with a fitted file, the maintainer verdicts made since its fit
 */
public record ReviewStats(
    List<Counts> signatures, List<Counts> labels, List<Counts> needsLook, List<SinceFit> sinceFit) {
  public ReviewStats {
    signatures = List.copyOf(signatures);
    labels = List.copyOf(labels);
    needsLook = List.copyOf(needsLook);
    sinceFit = List.copyOf(sinceFit);
  }

  /**
   * The maintainer verdicts on one signature since its weights were last fitted: the data a refit
   * would add. The service never refits by itself; an operator runs {@code fit}.
   *
   * @param signature the signature id
   * @param fittedOn the day of its fitted file
   * @param verdicts accepted, rejected and objected suggestions (needs-a-look ones included)
   *     decided after that day
   */
  public record SinceFit(String signature, LocalDate fittedOn, int verdicts) {
    /** The count in words, as the review page shows it. */
    public String verdictsText() {
      return verdicts + (verdicts == 1 ? " verdict" : " verdicts");
    }

    /** Whether there is anything a refit would add. */
    public boolean refit() {
      return verdicts > 0;
    }
  }

  /**
   * The outcomes of one signature's (or one label's) suggestions.
   *
   * @param name the signature id or label
   * @param made suggestions made (superseded ones not counted)
   * @param pending awaiting a decision
   * @param accepted accepted by a maintainer
   * @param rejected rejected by a maintainer
   * @param objected objected to by anyone
   * @param precision {@code accepted / (accepted + rejected + objected)}; null before any decision
   */
  public record Counts(
      String name,
      int made,
      int pending,
      int accepted,
      int rejected,
      int objected,
      Double precision) {

    /** The precision as a whole percentage, or a dash before any decision. */
    public String precisionText() {
      return precision == null ? "–" : Math.round(precision * 100) + "%";
    }
  }

  /** One grouped count from the store. */
  record Row(String name, SuggestionStatus status, int count) {}

  static ReviewStats of(
      List<Row> signatures, List<Row> labels, List<Row> needsLook, List<SinceFit> sinceFit) {
    return new ReviewStats(counts(signatures), counts(labels), counts(needsLook), sinceFit);
  }

  private static List<Counts> counts(List<Row> rows) {
    Map<String, int[]> byName = new TreeMap<>();
    for (Row row : rows) {
      byName
              .computeIfAbsent(row.name(), n -> new int[SuggestionStatus.values().length])[
              row.status().ordinal()] +=
          row.count();
    }
    List<Counts> counts = new ArrayList<>();
    byName.forEach(
        (name, n) -> {
          int pending = n[SuggestionStatus.PENDING.ordinal()];
          int accepted = n[SuggestionStatus.ACCEPTED.ordinal()];
          int rejected = n[SuggestionStatus.REJECTED.ordinal()];
          int objected = n[SuggestionStatus.OBJECTED.ordinal()];
          int decided = accepted + rejected + objected;
          counts.add(
              new Counts(
                  name,
                  pending + decided,
                  pending,
                  accepted,
                  rejected,
                  objected,
                  decided == 0 ? null : (double) accepted / decided));
        });
    return counts;
  }
}
