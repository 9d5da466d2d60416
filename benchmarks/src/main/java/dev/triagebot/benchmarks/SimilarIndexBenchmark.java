package dev.triagebot.benchmarks;

import dev.triagebot.classifier.match.IssueText;
import dev.triagebot.classifier.similar.FindRelatedIssues;
import dev.triagebot.classifier.similar.IndexedIssue;
import dev.triagebot.classifier.similar.IssueIndex;
import dev.triagebot.classifier.similar.IssueQuery;
import dev.triagebot.classifier.similar.SimilarIssueSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Indexes a synthetic 100,000-issue repository and reports indexing rate, similar-issue query
 * latency, index size and heap, as a Markdown table. A plain main rather than JMH: indexing is a
 * one-shot, stateful operation, and the query loop warms up explicitly before it is measured.
 *
 * <p>Options: {@code --issues N} (100000), {@code --queries N} (3000), {@code --warmup N} (1000),
 * {@code --page N} (issues per backfill batch, 100), {@code --seed N}, {@code --dir PATH} (a fresh
 * temporary directory, deleted afterwards, by default).
 */
public final class SimilarIndexBenchmark {
  private static final Set<String> REPOSITORY_LABELS =
      Set.of(
          "area:mcp",
          "area:auth",
          "area:tui",
          "area:hooks",
          "area:ide",
          "area:permissions",
          "area:cost",
          "area:model",
          "area:memory",
          "area:tools",
          "bug");

  private SimilarIndexBenchmark() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    SyntheticIssues generator = new SyntheticIssues(options.seed);
    List<IndexedIssue> corpus = new ArrayList<>(options.issues);
    for (int number = 1; number <= options.issues; number++) {
      corpus.add(generator.issue(number));
    }
    List<IssueText> queries = new ArrayList<>();
    for (int i = 0; i < options.warmup + options.queries; i++) {
      queries.add(generator.newReport());
    }
    double titleChars =
        corpus.stream().mapToInt(issue -> issue.title().length()).average().orElse(0);
    int[] bodyChars = corpus.stream().mapToInt(issue -> issue.body().length()).sorted().toArray();

    Path root = options.dir != null ? options.dir : Files.createTempDirectory("similar-bench");
    Path backfillDir = root.resolve("backfill");
    Path rebuildDir = root.resolve("rebuild");
    List<String[]> rows = new ArrayList<>();
    rows.add(
        row(
            "corpus",
            "%,d issues; title %.0f chars on average; body median %,d, p90 %,d chars"
                .formatted(
                    corpus.size(),
                    titleChars,
                    bodyChars[bodyChars.length / 2],
                    bodyChars[(int) (bodyChars.length * 0.9)])));
    try {
      try (IssueIndex index = IssueIndex.open(backfillDir)) {
        double seconds = time(() -> pages(corpus, options.page, index::upsertAll));
        rows.add(
            row(
                "backfill indexing: `upsertAll`, batches of %d, one commit each"
                    .formatted(options.page),
                rate(corpus.size(), seconds)));
        seconds = time(() -> pages(corpus, options.page, index::upsertAll));
        rows.add(
            row(
                "idempotent re-run of the backfill (nothing changed)",
                rate(corpus.size(), seconds)));
      }
      try (IssueIndex index = IssueIndex.open(rebuildDir)) {
        double seconds = time(() -> index.rebuild(corpus));
        rows.add(row("rebuild from scratch (`rebuild`, one commit)", rate(corpus.size(), seconds)));
      }
      rows.add(row("index size on disk", megabytes(sizeOf(backfillDir))));
      long peakWhileIndexing = peakHeap();

      try (IssueIndex index = IssueIndex.open(backfillDir)) {
        corpus.clear();
        SimilarIssueSearch search = new SimilarIssueSearch(index);
        FindRelatedIssues related = new FindRelatedIssues(index);
        List<IssueText> warmup = queries.subList(0, options.warmup);
        List<IssueText> measured = queries.subList(options.warmup, queries.size());
        Consumer<IssueText> searchOnly = text -> search.find(IssueQuery.unnumbered(text), 10);
        Consumer<IssueText> fullPath =
            text ->
                related.find(
                    IssueQuery.unnumbered(text), Optional.empty(), REPOSITORY_LABELS, List.of());
        warmup.forEach(searchOnly);
        warmup.forEach(fullPath);
        rows.add(
            row(
                "similar-issue search, top 10 with reasons: p50 / p99 / max",
                latencies(measured, searchOnly)));
        rows.add(
            row(
                "full lookup (25 neighbours, links, label votes): p50 / p99 / max",
                latencies(measured, fullPath)));
        rows.add(row("heap used with the index open, after GC", megabytes(heapAfterGc())));
      }
      rows.add(
          row(
              "peak heap while indexing (incl. the generated corpus)",
              megabytes(peakWhileIndexing)));
    } finally {
      if (options.dir == null) {
        delete(root);
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(
        Locale.ROOT,
        "%nSimilar-issue index at %,d issues (seed %d; %d cores; Java %s; max heap %s; load average %.2f before, %.2f after)%n%n",
        options.issues,
        options.seed,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        megabytes(Runtime.getRuntime().maxMemory()),
        loadBefore,
        loadAfter);
    printTable(rows);
  }

  private static void pages(
      List<IndexedIssue> corpus, int page, Consumer<List<IndexedIssue>> write) {
    for (int from = 0; from < corpus.size(); from += page) {
      write.accept(corpus.subList(from, Math.min(corpus.size(), from + page)));
    }
  }

  private static String latencies(List<IssueText> queries, Consumer<IssueText> query) {
    long[] nanos = new long[queries.size()];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      query.accept(queries.get(i));
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f / %.2f ms over %,d queries",
        percentile(nanos, 0.50) / 1e6,
        percentile(nanos, 0.99) / 1e6,
        nanos[nanos.length - 1] / 1e6,
        nanos.length);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static String rate(int issues, double seconds) {
    return String.format(
        Locale.ROOT, "%,.0f issues/s (%,d in %.1f s)", issues / seconds, issues, seconds);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1_048_576.0);
  }

  private static String[] row(String measure, String value) {
    return new String[] {measure, value};
  }

  private static void printTable(List<String[]> rows) {
    int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(10);
    System.out.printf("| %-" + width + "s | %s |%n", "measure", "value");
    System.out.printf("|%s|---|%n", "-".repeat(width + 2));
    for (String[] row : rows) {
      System.out.printf("| %-" + width + "s | %s |%n", row[0], row[1]);
    }
  }

  /** Command-line options. */
  private record Options(int issues, int queries, int warmup, int page, long seed, Path dir) {
    static Options parse(String[] args) {
      int issues = 100_000;
      int queries = 3_000;
      int warmup = 1_000;
      int page = 100;
      long seed = 20250601L;
      Path dir = null;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + args[i]);
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--issues" -> issues = Integer.parseInt(value);
          case "--queries" -> queries = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--page" -> page = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--dir" -> dir = Path.of(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; known: --issues --queries --warmup --page --seed --dir");
        }
      }
      return new Options(issues, queries, warmup, page, seed, dir);
    }
  }
}
