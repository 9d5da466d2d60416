package dev.triagebot.classifier.match;

import java.io.Reader;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The one analyzer for issue text, shared by the signature matcher and the similar-issue index, and
 * used for both documents and queries so that they always agree.
 *
 * <p>Stemming makes "authenticated", "authenticating" and "authentication" one term, which is how
 * people vary their wording. No stop words are removed: phrases such as "needs auth" depend on
 * them. Underscores and dots inside identifiers ({@code needs_auth}, {@code mcp.json}) split into
 * words, since reports write the same thing both ways.
 */
public final class IssueAnalyzer extends Analyzer {
  private static final Pattern IDENTIFIER_JOINERS = Pattern.compile("[_.](?=\\p{L})");

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new PatternReplaceCharFilter(IDENTIFIER_JOINERS, " ", reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new ASCIIFoldingFilter(stream);
    stream = new PorterStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
