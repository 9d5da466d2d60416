package dev.triagebot.classifier.similar;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether an issue's own text names a platform, so that a {@code platform:*} label is suggested
 * only where the reporter said so: neighbours often share an area, much less often an operating
 * system.
 */
final class PlatformMentions {
  static final String PREFIX = "platform:";

  private static final Map<String, Pattern> WORDS =
      Map.of(
          "windows",
          Pattern.compile(
              "(?i)\\b(?:windows|win ?1[01]|powershell|pwsh|cmd\\.exe|git bash)\\b|\\b[A-Z]:\\\\"),
          "macos",
          Pattern.compile(
              "(?i)\\b(?:mac ?os|os ?x|macbook|mac mini|imac|darwin|apple silicon|sonoma|sequoia)\\b"),
          "linux",
          Pattern.compile(
              "(?i)\\b(?:linux|ubuntu|debian|fedora|arch linux|centos|rhel|alpine|nixos|wayland|x11)\\b"),
          "wsl",
          Pattern.compile("(?i)\\bwsl ?2?\\b|windows subsystem for linux"));

  private PlatformMentions() {}

  /** Whether the text supports this {@code platform:*} label. */
  static boolean supports(String label, String text) {
    String platform = label.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    Pattern words = WORDS.get(platform);
    if (words == null) {
      // A platform we have no word list for: require its own name.
      words = Pattern.compile("(?i)\\b" + Pattern.quote(platform) + "\\b");
    }
    return words.matcher(text).find();
  }
}
