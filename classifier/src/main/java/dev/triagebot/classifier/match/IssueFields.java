package dev.triagebot.classifier.match;

import java.util.List;

/** The names of the issue fields that are indexed and that catalog signals can target. */
public final class IssueFields {
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final List<String> ALL = List.of(TITLE, BODY);

  private IssueFields() {}
}
