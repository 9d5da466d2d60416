package dev.triagebot.bot.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code --name value} options of one command. Options that configure the application ({@code
 * --spring.*}, {@code --triage.*}, {@code --logging.*}) are set aside for Spring.
 */
final class CommandOptions {
  private static final List<String> SPRING_PREFIXES =
      List.of("--spring.", "--triage.", "--logging.");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> springArguments = new ArrayList<>();

  private CommandOptions() {}

  /**
   * Parses the arguments after the verb.
   *
   * @param allowed the option names (without dashes) the command takes
   * @throws UsageException on an unknown option or one without its value
   */
  static CommandOptions parse(List<String> arguments, Set<String> allowed) {
    return parse(arguments, allowed, Set.of());
  }

  /**
   * Parses the arguments after the verb.
   *
   * @param allowed the option names (without dashes) that take a value
   * @param switches the option names (without dashes) that stand alone, e.g. {@code json}
   * @throws UsageException on an unknown option or one without its value
   */
  static CommandOptions parse(List<String> arguments, Set<String> allowed, Set<String> switches) {
    CommandOptions options = new CommandOptions();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (SPRING_PREFIXES.stream().anyMatch(argument::startsWith)) {
        options.springArguments.add(argument);
        continue;
      }
      if (!argument.startsWith("--")) {
        throw new UsageException("unexpected argument '" + argument + "'");
      }
      String name = argument.substring(2);
      if (switches.contains(name)) {
        options.flags.add(name);
        continue;
      }
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < arguments.size()) {
        value = arguments.get(++i);
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (!allowed.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      options.values.put(name, value);
    }
    return options;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String require(String name) {
    return get(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  OptionalLong number(String name) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().trim()));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + value.get() + "'");
    }
  }

  /** Arguments for Spring, e.g. {@code --spring.datasource.url=...}. */
  String[] springArguments() {
    return springArguments.toArray(String[]::new);
  }

  /** Wrong arguments; the message says which. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
