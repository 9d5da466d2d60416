package dev.triagebot.classifier.similar;

import java.util.Optional;

/** Finds an indexed issue by number; what the link policy needs to follow duplicate chains. */
@FunctionalInterface
public interface IssueLookup {

  /** The issue with this number, if it is known. */
  Optional<IndexedIssue> find(int number);
}
