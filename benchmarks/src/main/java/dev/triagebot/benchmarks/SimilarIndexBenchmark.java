package dev.triagebot.benchmarks;

import dev.triagebot.classifier.text.IssueText;
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
import java.lang.management.ThreadMXBean;
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
 * <p>This machine is shared, so besides wall-clock figures the table gives CPU time (of the process
 * while indexing, of the querying thread per query), which other processes' load does not inflate.
 *
 * <p>Options: {@code --issues N} (100000), {@code --queries N} (3000), {@code --warmup N} (1000),
 * {@code --batch N} (issues per backfill batch and commit, 1000), {@code --live N} (single upserts
 * after the backfill, 500), {@code --seed N}, {@code --dir PATH} (a fresh temporary directory,
 * deleted afterwards, by default).
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
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Options options;
  private final List<String[]> rows = new ArrayList<>();

  private SimilarIndexBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws IOException {
    new SimilarIndexBenchmark(Options.parse(args)).run();
  }

  private void run() throws IOException {
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
    List<IndexedIssue> live = new ArrayList<>();
    for (int i = 0; i < options.live; i++) {
      live.add(generator.issue(options.issues + 1 + i));
    }
    describe(corpus);

    Path root = options.dir != null ? options.dir : Files.createTempDirectory("similar-bench");
    try {
      warmUpIndexing(corpus, root);
      try (IssueIndex index = IssueIndex.open(root.resolve("backfill"))) {
        indexing(
            "backfill: `upsertAll` in batches of %,d, a commit each".formatted(options.batch),
            corpus.size(),
            () -> batches(corpus, index::upsertAll));
        seconds("`compact()` after the backfill (merge to one segment)", index::compact);
        indexing(
            "idempotent re-run of the backfill (nothing changed)",
            corpus.size(),
            () -> batches(corpus, index::upsertAll));
      }
      try (IssueIndex index = IssueIndex.open(root.resolve("rebuild"))) {
        indexing("`rebuild` from scratch, one commit", corpus.size(), () -> index.rebuild(corpus));
      }
      row("index size on disk (compacted backfill)", megabytes(sizeOf(root.resolve("backfill"))));
      long peakWhileIndexing = peakHeap();
      corpus.clear();

      try (IssueIndex index = IssueIndex.open(root.resolve("backfill"))) {
        SimilarIssueSearch search = new SimilarIssueSearch(index);
        FindRelatedIssues related = new FindRelatedIssues(index);
        List<IssueText> warmup = queries.subList(0, options.warmup);
        List<IssueText> measured = queries.subList(options.warmup, queries.size());
        Consumer<IssueText> searchOnly = text -> search.find(IssueQuery.unnumbered(text), 10);
        Consumer<IssueText> fullLookup =
            text ->
                related.find(
                    IssueQuery.unnumbered(text), Optional.empty(), REPOSITORY_LABELS, List.of());
        warmup.forEach(searchOnly);
        warmup.forEach(fullLookup);
        latencies("similar-issue search, top 10, each explained", measured, searchOnly);
        latencies("bot's lookup: 25 neighbours, links, label votes", measured, fullLookup);
        latencies("single `upsert` (live webhook event, commit + refresh)", live, index::upsert);
        latencies(
            "bot's lookup after those %,d live upserts".formatted(live.size()),
            measured,
            fullLookup);
        row("heap used with the index open, after GC", megabytes(heapAfterGc()));
      }
      row("peak heap while indexing (incl. the generated corpus)", megabytes(peakWhileIndexing));
    } finally {
      if (options.dir == null) {
        delete(root);
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(
        Locale.ROOT,
        "%nSimilar-issue index at %,d issues (seed %d; %d cores; Java %s; max heap %s;"
            + " load average %.2f before, %.2f after)%n%n",
        options.issues,
        options.seed,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        megabytes(Runtime.getRuntime().maxMemory()),
        loadBefore,
        loadAfter);
    printTable();
  }

  /**
   * Runs the indexing code on disk over part of the corpus first, twice, so that JIT compilation of
   * the analysis, indexing and directory code is not what the first measurement times.
   */
  private void warmUpIndexing(List<IndexedIssue> corpus, Path root) throws IOException {
    List<IndexedIssue> part = corpus.subList(0, Math.min(corpus.size(), 20_000));
    for (int round = 0; round < 2; round++) {
      Path dir = root.resolve("warm-up-" + round);
      try (IssueIndex index = IssueIndex.open(dir)) {
        batches(part, index::upsertAll);
        batches(part, index::upsertAll);
        index.compact();
        index.rebuild(part);
      }
      delete(dir);
    }
  }

  private void describe(List<IndexedIssue> corpus) {
    double title = corpus.stream().mapToInt(issue -> issue.title().length()).average().orElse(0);
    int[] body = corpus.stream().mapToInt(issue -> issue.body().length()).sorted().toArray();
    row(
        "corpus",
        "%,d issues; title %.0f chars on average; body median %,d, p90 %,d chars"
            .formatted(
                corpus.size(), title, body[body.length / 2], body[(int) (body.length * 0.9)]));
  }

  private void batches(List<IndexedIssue> corpus, Consumer<List<IndexedIssue>> write) {
    for (int from = 0; from < corpus.size(); from += options.batch) {
      write.accept(corpus.subList(from, Math.min(corpus.size(), from + options.batch)));
    }
  }

  private void indexing(String what, int issues, Runnable work) {
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    row(
        what,
        String.format(
            Locale.ROOT,
            "%,.0f issues/s (%,d in %.1f s); %,.0f issues per CPU-second",
            issues / seconds,
            issues,
            seconds,
            issues / cpuSeconds));
  }

  private void seconds(String what, Runnable work) {
    long start = System.nanoTime();
    work.run();
    row(what, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
  }

  private <T> void latencies(String what, List<T> inputs, Consumer<T> operation) {
    long[] wall = new long[inputs.size()];
    long[] cpu = new long[inputs.size()];
    for (int i = 0; i < wall.length; i++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      operation.accept(inputs.get(i));
      wall[i] = System.nanoTime() - start;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    row(
        what + ": p50 / p99 / max",
        String.format(
            Locale.ROOT,
            "%.2f / %.2f / %.2f ms wall (CPU %.2f / %.2f ms) over %,d",
            percentile(wall, 0.50) / 1e6,
            percentile(wall, 0.99) / 1e6,
            wall[wall.length - 1] / 1e6,
            percentile(cpu, 0.50) / 1e6,
            percentile(cpu, 0.99) / 1e6,
            wall.length));
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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

  private void row(String measure, String value) {
    rows.add(new String[] {measure, value});
    System.err.println(measure + ": " + value);
  }

  private void printTable() {
    int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(10);
    System.out.printf("| %-" + width + "s | %s |%n", "measure", "value");
    System.out.printf("|%s|---|%n", "-".repeat(width + 2));
    for (String[] row : rows) {
      System.out.printf("| %-" + width + "s | %s |%n", row[0], row[1]);
    }
  }

  /** Command-line options. */
  private record Options(
      int issues, int queries, int warmup, int batch, int live, long seed, Path dir) {
    static Options parse(String[] args) {
      int issues = 100_000;
      int queries = 3_000;
      int warmup = 1_000;
      int batch = 1_000;
      int live = 500;
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
          case "--batch" -> batch = Integer.parseInt(value);
          case "--live" -> live = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--dir" -> dir = Path.of(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; known: --issues --queries --warmup --batch --live --seed --dir");
        }
      }
      return new Options(issues, queries, warmup, batch, live, seed, dir);
    }
  }
}
