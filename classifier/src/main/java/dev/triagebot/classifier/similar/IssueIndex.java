package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.text.IssueAnalyzer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The similar-issue index of one repository, on disk: kept current by upserts and deletes, or
 * rebuilt from scratch, and searched near-real-time through {@link SimilarIssueSearch}.
 *
 * <p>Every webhook action that changes an issue (opened, edited, closed, reopened, labeled,
 * unlabeled) becomes an {@link #upsert} of the issue's current record; deleted and transferred
 * become {@link #delete}. Single changes are committed before the call returns, so a job the queue
 * marks done is never lost; batches ({@link #upsertAll}, {@link #rebuild}) commit once at the end.
 * Writes are serialised; searches run concurrently and see every change once its call returns.
 *
 * <p>I/O failures surface as {@link UncheckedIOException}.
 */
public final class IssueIndex implements IssueLookup, AutoCloseable {
  private static final String SCHEMA_KEY = "triagebot.similar.schema";
  // Bump when the document layout or the analyzer changes; an index of another schema is rebuilt.
  private static final String SCHEMA_VERSION = "1";

  private static final int WRITER_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  // Below this, starting threads costs more than it saves.
  private static final int PARALLEL_FROM = 256;
  private static final int REBUILD_CHUNK = 4_096;
  // Live events add one tiny segment per commit; a high floor and few segments per tier merge
  // them together early, which keeps queries fast. Bulk writes flush large segments that this
  // would merge again and again; they merge with Lucene's defaults, and compact() follows them.
  private static final double LIVE_FLOOR_MB = 32;
  private static final int LIVE_SEGMENTS_PER_TIER = 4;
  private static final double BULK_FLOOR_MB = 2;
  private static final int BULK_SEGMENTS_PER_TIER = 10;

  private final String location;
  private final Directory directory;
  private final IssueAnalyzer analyzer = new IssueAnalyzer();
  private final TieredMergePolicy merges;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ReentrantLock writes = new ReentrantLock();
  private volatile boolean closed;

  private IssueIndex(Directory directory, String location) throws IOException {
    this.location = location;
    this.directory = directory;
    try {
      boolean existed = DirectoryReader.indexExists(directory);
      Map<String, String> commitData = new HashMap<>();
      if (existed) {
        commitData.putAll(SegmentInfos.readLatestCommit(directory).getUserData());
        String schema = commitData.get(SCHEMA_KEY);
        if (!SCHEMA_VERSION.equals(schema)) {
          throw new IllegalStateException(
              "%s holds a similar-issue index of schema %s, this version reads schema %s: delete it and backfill again"
                  .formatted(location, schema, SCHEMA_VERSION));
        }
      }
      this.merges = new TieredMergePolicy();
      // Deleted documents still count in term statistics until merged away; keep them few so
      // that incremental upkeep scores like a rebuild (see compact()).
      merges.setDeletesPctAllowed(20);
      merges.setForceMergeDeletesPctAllowed(0);
      liveMerges();
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer)
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setRAMBufferSizeMB(64)
              .setMergePolicy(merges)
              .setCommitOnClose(true);
      this.writer = new IndexWriter(directory, config);
      // The marks of the last commit carry over into the next one.
      commitData.put(SCHEMA_KEY, SCHEMA_VERSION);
      writer.setLiveCommitData(Map.copyOf(commitData).entrySet());
      if (!existed) {
        writer.commit();
      }
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Opens (or creates) the index in this directory, which is created if missing. */
  public static IssueIndex open(Path directory) {
    try {
      Files.createDirectories(directory);
      return new IssueIndex(FSDirectory.open(directory), directory.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the similar-issue index at " + directory, e);
    }
  }

  /** An index held in memory only, for evaluation and tests. */
  public static IssueIndex inMemory() {
    try {
      return new IssueIndex(new ByteBuffersDirectory(), "memory");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What an upsert did. */
  public enum Change {
    /** The issue was not indexed before. */
    ADDED,
    /** The indexed record was replaced. */
    UPDATED,
    /** The indexed record was already exactly this one; nothing was written. */
    UNCHANGED,
    /** The indexed record is newer ({@code updatedAt}); the update was ignored. */
    STALE
  }

  /** How many issues of a batch each {@link Change} applied to. */
  public record BatchResult(int added, int updated, int unchanged, int stale) {}

  /** Indexes the current record of one issue, replacing an older one, and commits. */
  public Change upsert(IndexedIssue issue) {
    return mutate(
        () -> {
          Change change = write(issue, find(issue.number()));
          if (change == Change.ADDED || change == Change.UPDATED) {
            commitAndRefresh();
          }
          return change;
        });
  }

  /**
   * Upserts a batch (e.g. a page of a backfill) and commits once. Within the batch the last record
   * of a number wins.
   */
  public BatchResult upsertAll(Collection<IndexedIssue> issues) {
    return mutate(
        () -> {
          Map<Integer, IndexedIssue> latest = new LinkedHashMap<>();
          for (IndexedIssue issue : issues) {
            latest.put(issue.number(), issue);
          }
          AtomicIntegerArray counts = new AtomicIntegerArray(Change.values().length);
          IndexSearcher searcher = searchers.acquire();
          try {
            if (latest.size() >= PARALLEL_FROM) {
              bulkMerges();
            }
            inParallel(
                List.copyOf(latest.values()),
                issue ->
                    counts.incrementAndGet(write(issue, find(searcher, issue.number())).ordinal()));
            if (counts.get(Change.ADDED.ordinal()) + counts.get(Change.UPDATED.ordinal()) > 0) {
              commitAndRefresh();
            }
          } finally {
            liveMerges();
            searchers.release(searcher);
          }
          return new BatchResult(
              counts.get(Change.ADDED.ordinal()),
              counts.get(Change.UPDATED.ordinal()),
              counts.get(Change.UNCHANGED.ordinal()),
              counts.get(Change.STALE.ordinal()));
        });
  }

  /**
   * Upserts and deletes a batch and commits once, whatever changed, with {@code marks} in the
   * commit's user data: the marks and the documents become durable together, so a caller's
   * high-water mark never runs ahead of (or behind) what the index holds. Within the batch the last
   * record of a number wins; a number both upserted and deleted is deleted.
   */
  public BatchResult apply(
      Collection<IndexedIssue> upserts, Collection<Integer> deletions, Map<String, String> marks) {
    return mutate(
        () -> {
          Map<Integer, IndexedIssue> latest = new LinkedHashMap<>();
          for (IndexedIssue issue : upserts) {
            latest.put(issue.number(), issue);
          }
          latest.keySet().removeAll(Set.copyOf(deletions));
          AtomicIntegerArray counts = new AtomicIntegerArray(Change.values().length);
          IndexSearcher searcher = searchers.acquire();
          try {
            if (latest.size() >= PARALLEL_FROM) {
              bulkMerges();
            }
            inParallel(
                List.copyOf(latest.values()),
                issue ->
                    counts.incrementAndGet(write(issue, find(searcher, issue.number())).ordinal()));
            for (int number : deletions) {
              writer.deleteDocuments(IssueDocuments.key(number));
            }
            mark(marks);
            commitAndRefresh();
          } finally {
            liveMerges();
            searchers.release(searcher);
          }
          return new BatchResult(
              counts.get(Change.ADDED.ordinal()),
              counts.get(Change.UPDATED.ordinal()),
              counts.get(Change.UNCHANGED.ordinal()),
              counts.get(Change.STALE.ordinal()));
        });
  }

  /** The value the last commit recorded under {@code key} through {@link #apply}, if any. */
  public Optional<String> mark(String key) {
    ensureOpen();
    for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
      if (entry.getKey().equals(key)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** Removes an issue (deleted or transferred away) and commits; false if it was not indexed. */
  public boolean delete(int number) {
    return mutate(
        () -> {
          if (find(number).isEmpty()) {
            return false;
          }
          writer.deleteDocuments(IssueDocuments.key(number));
          commitAndRefresh();
          return true;
        });
  }

  /**
   * Replaces the whole index with these issues (the last record of a number wins) and commits once.
   * Until the commit, searches see the old contents. If reading the issues or writing fails, the
   * last commit stays as it was and this instance is closed: open the index again.
   *
   * @return how many issues the index holds now
   */
  public int rebuild(Iterable<IndexedIssue> issues) {
    return rebuild(issues, Map.of());
  }

  /**
   * {@link #rebuild(Iterable)}, with {@code marks} in the commit's user data in place of the old
   * ones (see {@link #apply}).
   */
  public int rebuild(Iterable<IndexedIssue> issues, Map<String, String> marks) {
    return mutate(
        () -> {
          try {
            bulkMerges();
            writer.deleteAll();
            Set<Integer> seen = new HashSet<>();
            Map<Integer, IndexedIssue> chunk = new LinkedHashMap<>();
            for (IndexedIssue issue : issues) {
              chunk.put(issue.number(), issue);
              if (chunk.size() == REBUILD_CHUNK) {
                addChunk(chunk.values(), seen);
                chunk.clear();
              }
            }
            addChunk(chunk.values(), seen);
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA_VERSION).entrySet());
            mark(marks);
            commitAndRefresh();
            return seen.size();
          } catch (IOException | RuntimeException e) {
            abandon(e);
            throw e;
          } finally {
            liveMerges();
          }
        });
  }

  /**
   * Merges the index into one segment. That drops deleted documents, which otherwise still count in
   * term statistics, so scores then equal a rebuild's; and a query, which looks up each of its
   * terms in every segment, is fastest. Takes seconds at 100,000 issues and holds writes meanwhile:
   * run it after a backfill and on a schedule (e.g. daily), never per event.
   */
  public void compact() {
    mutate(
        () -> {
          writer.forceMerge(1);
          commitAndRefresh();
          return null;
        });
  }

  @Override
  public Optional<IndexedIssue> find(int number) {
    return withSearcher(searcher -> find(searcher, number));
  }

  /** How many issues the index holds. */
  public int size() {
    return withSearcher(searcher -> searcher.getIndexReader().numDocs());
  }

  /** How many segments a search looks in: one after {@link #compact()}. */
  public int segments() {
    return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
  }

  /** Where the index lives, for messages. */
  public String location() {
    return location;
  }

  /** Runs a read against the current near-real-time searcher. */
  <T> T withSearcher(SearcherFunction<T> read) {
    ensureOpen();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return read.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("similar-issue index at " + location, e);
    }
  }

  IssueAnalyzer analyzer() {
    return analyzer;
  }

  /** A read of the index that may fail with an I/O error. */
  @FunctionalInterface
  interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  @Override
  public void close() {
    writes.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (directory;
          analyzer;
          writer;
          searchers) {
        // closed in reverse order: searchers, writer (which commits), analyzer, directory
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the similar-issue index at " + location, e);
    } finally {
      writes.unlock();
    }
  }

  /**
   * Adds a chunk whose numbers are unique; a number an earlier chunk added replaces that one.
   * Earlier chunks are complete before this one starts, so the order of an add and its replacement
   * is never left to the threads.
   */
  private void addChunk(Collection<IndexedIssue> chunk, Set<Integer> seen) throws IOException {
    Set<Integer> repeated = new HashSet<>();
    for (IndexedIssue issue : chunk) {
      if (!seen.add(issue.number())) {
        repeated.add(issue.number());
      }
    }
    inParallel(
        List.copyOf(chunk),
        issue -> {
          if (repeated.contains(issue.number())) {
            writer.updateDocument(
                IssueDocuments.key(issue.number()), IssueDocuments.toDocument(issue));
          } else {
            writer.addDocument(IssueDocuments.toDocument(issue));
          }
        });
  }

  /**
   * Runs the work for each item, spread over the writer threads when there are enough items.
   * Analysis dominates indexing, and IndexWriter takes documents from several threads at once.
   */
  private static <T> void inParallel(List<T> items, ItemWork<T> work) throws IOException {
    int threads = items.size() < PARALLEL_FROM ? 1 : WRITER_THREADS;
    int chunk = (items.size() + threads - 1) / Math.max(1, threads);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      List<T> part =
          items.subList(Math.min(items.size(), t * chunk), Math.min(items.size(), (t + 1) * chunk));
      Thread thread = new Thread(() -> runAll(part, work, failure), "similar-index-writer-" + t);
      thread.start();
      started.add(thread);
    }
    runAll(items.subList(0, Math.min(items.size(), chunk)), work, failure);
    boolean interrupted = false;
    for (Thread thread : started) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable thrown = failure.get();
    if (thrown instanceof IOException io) {
      throw io;
    } else if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    } else if (thrown instanceof Error error) {
      throw error;
    }
  }

  private static <T> void runAll(
      List<T> items, ItemWork<T> work, AtomicReference<Throwable> failure) {
    try {
      for (T item : items) {
        if (failure.get() != null) {
          return;
        }
        work.accept(item);
      }
    } catch (IOException | RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Work on one item of a batch. */
  @FunctionalInterface
  private interface ItemWork<T> {
    void accept(T item) throws IOException;
  }

  /** Every query looks up each of its terms in every segment: fewer segments, faster queries. */
  private void liveMerges() {
    merges.setFloorSegmentMB(LIVE_FLOOR_MB);
    merges.setSegmentsPerTier(LIVE_SEGMENTS_PER_TIER);
  }

  private void bulkMerges() {
    merges.setFloorSegmentMB(BULK_FLOOR_MB);
    merges.setSegmentsPerTier(BULK_SEGMENTS_PER_TIER);
  }

  /** Drops uncommitted changes and closes, keeping the last commit; for failed rebuilds. */
  private void abandon(Exception cause) {
    closed = true;
    List<Closeable> steps = List.of(searchers, writer::rollback, analyzer, directory);
    for (Closeable step : steps) {
      try {
        step.close();
      } catch (IOException | RuntimeException suppressed) {
        cause.addSuppressed(suppressed);
      }
    }
  }

  private Change write(IndexedIssue issue, Optional<IndexedIssue> indexed) throws IOException {
    if (indexed.isPresent()) {
      IndexedIssue old = indexed.get();
      if (old.equals(issue)) {
        return Change.UNCHANGED;
      }
      if (issue.updatedAt() != null
          && old.updatedAt() != null
          && issue.updatedAt().isBefore(old.updatedAt())) {
        return Change.STALE;
      }
    }
    writer.updateDocument(IssueDocuments.key(issue.number()), IssueDocuments.toDocument(issue));
    return indexed.isPresent() ? Change.UPDATED : Change.ADDED;
  }

  /** Looks the number up in the term dictionaries directly: a query costs more per lookup. */
  private static Optional<IndexedIssue> find(IndexSearcher searcher, int number)
      throws IOException {
    BytesRef key = IssueDocuments.key(number).bytes();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms numbers = leaf.reader().terms(IssueDocuments.NUMBER);
      if (numbers == null) {
        continue;
      }
      TermsEnum iterator = numbers.iterator();
      if (!iterator.seekExact(key)) {
        continue;
      }
      PostingsEnum docs = iterator.postings(null, PostingsEnum.NONE);
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live == null || live.get(doc)) {
          return Optional.of(
              IssueDocuments.fromDocument(leaf.reader().storedFields().document(doc)));
        }
      }
    }
    return Optional.empty();
  }

  /** Adds marks to the next commit's user data, keeping the others; that commit happens. */
  private void mark(Map<String, String> marks) {
    Map<String, String> data = new HashMap<>();
    for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
      data.put(entry.getKey(), entry.getValue());
    }
    data.putAll(marks);
    data.put(SCHEMA_KEY, SCHEMA_VERSION);
    writer.setLiveCommitData(Map.copyOf(data).entrySet(), true);
  }

  private void commitAndRefresh() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  private <T> T mutate(Mutation<T> mutation) {
    writes.lock();
    try {
      ensureOpen();
      return mutation.run();
    } catch (IOException e) {
      throw new UncheckedIOException("similar-issue index at " + location, e);
    } finally {
      writes.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the similar-issue index at " + location + " is closed");
    }
  }

  @FunctionalInterface
  private interface Mutation<T> {
    T run() throws IOException;
  }
}
