package dev.triagebot.classifier.text;

import java.io.Reader;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The one analyzer for issue text, shared by the signature matcher and the similar-issue index, and
 * used for both documents and queries so that they always agree.
 *
 * <p>Stemming makes "succeeds", "succeeded" and "succeeding" one term, which is how people vary
 * their wording. A few words are kept unstemmed because their forms mean different things in
 * reports: "authenticated" is a state reached, "authentication" the thing still needed (as in
 * "Needs authentication"). No stop words are removed: phrases such as "needs auth" depend on them.
 * Dots inside names ({@code mcp.json}) split into words; underscores do not, so that identifiers
 * such as {@code invalid_grant} or {@code refresh_token} stay single, precise terms. A slash
 * command such as {@code /login} is indexed both as itself ({@code slashlogin}) and as its word, so
 * that a signal can tell the command apart from the word while phrases over the word still match.
 */
public final class IssueAnalyzer extends Analyzer {
  private static final Pattern IDENTIFIER_JOINERS = Pattern.compile("[.](?=\\p{L})");
  private static final CharArraySet UNSTEMMED =
      new CharArraySet(
          List.of("authentication", "authenticated", "authorization", "authorized"), false);
  private static final Pattern SLASH_COMMAND =
      Pattern.compile("(?<![\\w/.:~-])/([a-z][a-z-]{1,20})\\b(?![/\\w]|\\.\\w)");

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    Reader commands = new PatternReplaceCharFilter(SLASH_COMMAND, "slash$1 $1", reader);
    return new PatternReplaceCharFilter(IDENTIFIER_JOINERS, " ", commands);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new ASCIIFoldingFilter(stream);
    stream = new SetKeywordMarkerFilter(stream, UNSTEMMED);
    stream = new PorterStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** Keeps phrases from spanning two values of a field, such as an issue's title and body. */
  @Override
  public int getPositionIncrementGap(String fieldName) {
    return 1000;
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
