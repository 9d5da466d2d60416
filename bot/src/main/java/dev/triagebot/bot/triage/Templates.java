package dev.triagebot.bot.triage;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one loader of the Mustache templates packaged under {@code templates/}: Markdown ones escape
 * every {@code {{value}}} with {@link SafeMarkdown#inline}, HTML ones HTML-escape it, and both
 * refuse a section over a missing key.
 */
public final class Templates {
  private Templates() {}

  /** A packaged Markdown template (a comment or a reply on GitHub). */
  public static Template markdown(String name) {
    return markdown(new StringReader(text(name)));
  }

  /** A Markdown template read from elsewhere, e.g. a test's variant of a packaged one. */
  public static Template markdown(Reader template) {
    return Mustache.compiler()
        .withEscaper(SafeMarkdown::inline)
        .strictSections(true)
        .compile(template);
  }

  /** A packaged HTML template (a page of the service). */
  public static Template html(String name) {
    return Mustache.compiler().escapeHTML(true).strictSections(true).compile(text(name));
  }

  /** The packaged template's text. */
  public static String text(String name) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("template missing from the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
