package dev.triagebot.classifier.similar;

import dev.triagebot.classifier.eval.HistoryRecord;
import dev.triagebot.classifier.eval.HistoryRecordReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The test corpora under {@code src/test/resources/similar}: a repository's past and new issues.
 */
public final class SimilarCorpora {
  private SimilarCorpora() {}

  /** 77 past issues of a claude-code-like repository, with duplicate chains, a loop, declines. */
  public static Path historyFile() {
    return resource("similar/history.jsonl");
  }

  /** New issues, most of them duplicates of past ones ({@code duplicate_of}). */
  public static Path datasetFile() {
    return resource("similar/dataset.jsonl");
  }

  public static List<IndexedIssue> history() {
    return HistoryRecordReader.readHistory(historyFile()).stream()
        .map(HistoryRecord::toIndexedIssue)
        .toList();
  }

  public static List<HistoryRecord> dataset() {
    return HistoryRecordReader.read(datasetFile());
  }

  private static Path resource(String name) {
    try {
      return Path.of(SimilarCorpora.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
