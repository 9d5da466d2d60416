package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Reads a webhook body as exactly one JSON document, and says what is wrong with one that is not in
 * the same words whether the streaming scan at ingress or the worker's full read found it: where in
 * the body, never the parser's own words, which may name Java types.
 */
final class OneJsonDocument {
  /** Reads the document, leaving the parser after its last token. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonParser parser) throws IOException, MalformedPayloadException;
  }

  private OneJsonDocument() {}

  static <T> T read(JsonFactory json, String event, byte[] body, Reader<T> reader)
      throws MalformedPayloadException {
    try (JsonParser parser = json.createParser(body)) {
      T read = reader.read(parser);
      // "{...}}}}" is not one JSON document, whatever a lenient reader makes of it.
      if (!atEnd(parser)) {
        throw malformed(event, "more after the JSON value" + at(parser.currentLocation()));
      }
      return read;
    } catch (StreamConstraintsException tooDeepOrTooLong) {
      throw malformed(event, "nested too deeply, or a string or number too long");
    } catch (JsonProcessingException e) {
      throw malformed(event, "not valid JSON" + at(e.getLocation()));
    } catch (IOException e) {
      throw new MalformedPayloadException(
          "malformed JSON for " + GitHubPayloads.anEvent(event), null);
    }
  }

  /** The body is not the JSON the event needs, for this reason. */
  static MalformedPayloadException malformed(String event, String problem) {
    return new MalformedPayloadException(
        "malformed JSON for " + GitHubPayloads.anEvent(event) + ": " + problem, null);
  }

  private static boolean atEnd(JsonParser parser) {
    try {
      return parser.nextToken() == null;
    } catch (IOException stray) {
      return false;
    }
  }

  private static String at(JsonLocation where) {
    return where == null
        ? ""
        : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
  }
}
