package dev.triagebot.classifier.text;

import java.util.Objects;

/** The text of one issue as the classifier sees it: no GitHub types, no metadata. */
public record IssueText(String title, String body) {
  public IssueText {
    title = Objects.requireNonNullElse(title, "");
    body = Objects.requireNonNullElse(body, "");
  }
}
