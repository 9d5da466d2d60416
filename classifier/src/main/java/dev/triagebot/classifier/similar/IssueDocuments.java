package dev.triagebot.classifier.similar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;

/**
 * The one mapping between {@link IndexedIssue} and a Lucene document. Title and body are analyzed
 * with positions (for phrases); everything else is stored so that a hit is a whole record again.
 */
final class IssueDocuments {
  static final String NUMBER = "number";
  static final String TITLE = "title";
  static final String BODY = "body";
  private static final String STATE = "state";
  private static final String STATE_REASON = "state_reason";
  private static final String LABEL = "label";
  private static final String AUTHOR_ASSOCIATION = "author_association";
  private static final String CREATED_AT = "created_at";
  private static final String UPDATED_AT = "updated_at";
  private static final String DUPLICATE_OF = "duplicate_of";

  private IssueDocuments() {}

  /** The term that identifies an issue's document, for updates and deletes. */
  static Term key(int number) {
    return new Term(NUMBER, Integer.toString(number));
  }

  static Document toDocument(IndexedIssue issue) {
    Document doc = new Document();
    doc.add(new StringField(NUMBER, Integer.toString(issue.number()), Field.Store.YES));
    addText(doc, issue.title(), issue.body(), Field.Store.YES);
    doc.add(new StringField(STATE, issue.state().toGitHub(), Field.Store.YES));
    if (issue.stateReason() != null) {
      doc.add(new StringField(STATE_REASON, issue.stateReason().toGitHub(), Field.Store.YES));
    }
    for (String label : issue.labels()) {
      doc.add(new StringField(LABEL, label, Field.Store.YES));
    }
    if (issue.authorAssociation() != null) {
      doc.add(new StoredField(AUTHOR_ASSOCIATION, issue.authorAssociation()));
    }
    if (issue.createdAt() != null) {
      doc.add(new StoredField(CREATED_AT, issue.createdAt().toEpochMilli()));
    }
    if (issue.updatedAt() != null) {
      doc.add(new StoredField(UPDATED_AT, issue.updatedAt().toEpochMilli()));
    }
    if (issue.duplicateOf() != null) {
      doc.add(new StoredField(DUPLICATE_OF, issue.duplicateOf()));
    }
    return doc;
  }

  /**
   * Title and body as every index of issues holds them, so that all of them score alike; stored
   * only where a hit must become a record again.
   */
  static void addText(Document doc, String title, String body, Field.Store store) {
    doc.add(new TextField(TITLE, title, store));
    doc.add(new TextField(BODY, body, store));
  }

  static IndexedIssue fromDocument(Document doc) {
    List<String> labels = new ArrayList<>();
    for (IndexableField label : doc.getFields(LABEL)) {
      labels.add(label.stringValue());
    }
    IndexableField duplicateOf = doc.getField(DUPLICATE_OF);
    return new IndexedIssue(
        Integer.parseInt(doc.get(NUMBER)),
        doc.get(TITLE),
        doc.get(BODY),
        IndexedIssue.State.fromGitHub(doc.get(STATE)),
        IndexedIssue.StateReason.fromGitHub(doc.get(STATE_REASON)),
        labels,
        doc.get(AUTHOR_ASSOCIATION),
        instant(doc.getField(CREATED_AT)),
        instant(doc.getField(UPDATED_AT)),
        duplicateOf == null ? null : duplicateOf.numericValue().intValue());
  }

  private static Instant instant(IndexableField field) {
    return field == null ? null : Instant.ofEpochMilli(field.numericValue().longValue());
  }
}
