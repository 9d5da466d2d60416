package dev.triagebot.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triagebot.bot.repoconfig.RepositoryConfigs;

/**
 * Reads a {@code push} payload for the one thing the bot wants from it: whether the default branch
 * got a new version of the configuration file. Read from the checked tree, since github-api's push
 * type drops the file lists of commits it cannot map.
 */
final class ConfigPushes {
  /** GitHub lists at most this many commits in a push payload; a longer push may hide the file. */
  static final int LISTED_COMMITS = 2048;

  private ConfigPushes() {}

  static InboundPayload read(JsonNode root) throws MalformedPayloadException {
    JsonNode repository = root.path("repository");
    if (!repository.isObject()) {
      throw PayloadChecks.wrong("repository", "missing");
    }
    String fullName = text(repository, "full_name", "repository.full_name");
    String defaultBranch = text(repository, "default_branch", "repository.default_branch");
    String ref = text(root, "ref", "ref");
    JsonNode installation = root.path("installation").path("id");
    InboundPayload.Envelope envelope =
        new InboundPayload.Envelope(
            null, installation.canConvertToLong() ? installation.asLong() : null, fullName);
    if (!ref.equals("refs/heads/" + defaultBranch)) {
      return new InboundPayload.Ignored(envelope, "push to " + ref + ", not the default branch");
    }
    if (!touchesConfig(root.get("commits"))) {
      return new InboundPayload.Ignored(
          envelope, "push changed no " + RepositoryConfigs.PATH + " on the default branch");
    }
    return new InboundPayload.ConfigChange(envelope);
  }

  /**
   * Whether a commit added, changed or removed the file. When the list cannot say (missing, or as
   * long as GitHub ever lists), it may: the read that follows costs little.
   */
  private static boolean touchesConfig(JsonNode commits) throws MalformedPayloadException {
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

  private static String text(JsonNode parent, String field, String path)
      throws MalformedPayloadException {
    JsonNode value = parent.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw PayloadChecks.wrong(path, value == null ? "missing" : PayloadChecks.WRONG_TYPE);
    }
    return value.textValue();
  }
}
