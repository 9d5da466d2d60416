package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;
import java.io.IOException;

/**
 * Reads a {@code push} to the default branch for the one thing the bot wants from it: whether it
 * added, changed or removed the repository's configuration file. Read in the group commit's writer
 * thread, not before the answer: ingress only scans the push's ref and default branch.
 */
final class ConfigPushes {
  /** GitHub lists at most this many commits in a push payload; a longer push may hide the file. */
  static final int LISTED_COMMITS = 2048;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigPushes() {}

  /**
   * Whether a commit of the push added, changed or removed the file. When the list cannot say
   * (missing, or as long as GitHub ever lists), it may: the read that follows costs little.
   *
   * @throws MalformedPayloadException naming the field when the commits are not as GitHub sends
   *     them
   */
  static boolean changesConfig(byte[] payload) throws MalformedPayloadException {
    JsonNode commits;
    try {
      commits = JSON.readTree(payload).get("commits");
    } catch (IOException notJson) {
      throw new MalformedPayloadException("malformed JSON for a push event", null);
    }
    if (commits == null || commits.isNull() || commits.size() >= LISTED_COMMITS) {
      return true;
    }
    if (!commits.isArray()) {
      throw PayloadChecks.wrong("commits", PayloadChecks.WRONG_TYPE);
    }
    for (int i = 0; i < commits.size(); i++) {
      JsonNode commit = commits.get(i);
      if (!commit.isObject()) {
        throw PayloadChecks.wrong("commits[" + i + "]", PayloadChecks.WRONG_TYPE);
      }
      for (String list : new String[] {"added", "modified", "removed"}) {
        JsonNode files = commit.get(list);
        if (files == null || files.isNull()) {
          continue;
        }
        if (!files.isArray()) {
          throw PayloadChecks.wrong("commits[" + i + "]." + list, PayloadChecks.WRONG_TYPE);
        }
        for (JsonNode file : files) {
          if (RepositoryConfigs.PATH.equals(file.textValue())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
