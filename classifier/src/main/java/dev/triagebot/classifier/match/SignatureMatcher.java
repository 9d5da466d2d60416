package dev.triagebot.classifier.match;

import dev.triagebot.classifier.catalog.SignatureCatalog;
import java.util.List;

/** Matches one issue against every signature of a catalog. Being written; API stable. */
public final class SignatureMatcher implements AutoCloseable {

  public SignatureMatcher(SignatureCatalog catalog) {}

  /** The signatures this issue matches, highest confidence first. */
  public List<SignatureMatch> match(IssueText issue) {
    return score(issue).stream().filter(SignatureMatch::matched).toList();
  }

  /** Every signature's score for this issue, matched or not, highest confidence first. */
  public List<SignatureMatch> score(IssueText issue) {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public void close() {}
}
