package dev.triagebot.bot.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options of one command: {@code --name value} pairs and bare {@code --flag}s, checked by name. */
final class Arguments {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  /**
   * Parses {@code args[1..]}.
   *
   * @param valued options that take a value
   * @param bare options that stand alone
   * @throws UsageException on an unknown option or a missing value
   */
  Arguments(String[] args, Set<String> valued, Set<String> bare) {
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (bare.contains(name)) {
        flags.add(name);
      } else if (valued.contains(name)) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        values.put(name, args[++i]);
      } else {
        throw new UsageException("unknown option '" + name + "'");
      }
    }
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String required(String name) {
    return value(name).orElseThrow(() -> new UsageException(name + " is required"));
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /** A command line that cannot be run as given; exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
