package dev.triagebot.classifier.text;

import java.util.List;

/**
 * The names of the issue fields that catalog signals can target, and of the one indexed field that
 * holds them both (title first, then body), so that each query is parsed and run once.
 */
public final class IssueFields {
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final List<String> ALL = List.of(TITLE, BODY);
  public static final String TEXT = "text";

  private IssueFields() {}
}
