package dev.triagebot.classifier.fit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a fitted file as reviewed YAML: one weight per line, sorted by strength, so that a
 * maintainer reviewing the pull request sees what the data made of each signal.
 */
public final class FittedFile {
  private final StringBuilder yaml = new StringBuilder();

  public FittedFile comment(String text) {
    for (String line : text.split("\n")) {
      yaml.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    return this;
  }

  public FittedFile value(String key, Object value) {
    yaml.append(key).append(": ").append(scalar(value)).append('\n');
    return this;
  }

  public FittedFile model(String kind, double c, Coefficients coefficients) {
    yaml.append("model:\n");
    yaml.append("  kind: ").append(scalar(kind)).append('\n');
    yaml.append("  regularisation_c: ").append(number(c)).append('\n');
    yaml.append("  intercept: ").append(number(coefficients.intercept())).append('\n');
    yaml.append("  weights:\n");
    coefficients.weights().entrySet().stream()
        .sorted(
            Map.Entry.<String, Double>comparingByValue(
                    (a, b) -> Double.compare(Math.abs(b), Math.abs(a)))
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            weight ->
                yaml.append("    ")
                    .append(weight.getKey())
                    .append(": ")
                    .append(number(weight.getValue()))
                    .append('\n'));
    return this;
  }

  /** A list of flat mappings under a key. */
  public FittedFile list(String key, List<Map<String, Object>> items) {
    yaml.append(key).append(":\n");
    for (Map<String, Object> item : items) {
      String prefix = "  - ";
      for (Map.Entry<String, Object> field : item.entrySet()) {
        yaml.append(prefix).append(field.getKey()).append(": ").append(scalar(field.getValue()));
        yaml.append('\n');
        prefix = "    ";
      }
    }
    return this;
  }

  /** A mapping of scalars (or of flat mappings) under a key. */
  public FittedFile mapping(String key, Map<String, Object> fields) {
    yaml.append(key).append(":\n");
    fields.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> inner) {
            yaml.append("  ").append(name).append(":");
            if (inner.isEmpty()) {
              yaml.append(" {}\n");
              return;
            }
            yaml.append('\n');
            inner.forEach(
                (k, v) ->
                    yaml.append("    ").append(k).append(": ").append(scalar(v)).append('\n'));
          } else {
            yaml.append("  ").append(name).append(": ").append(scalar(value)).append('\n');
          }
        });
    return this;
  }

  public String text() {
    return yaml.toString();
  }

  private static String scalar(Object value) {
    if (value instanceof Double d) {
      return number(d);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(FittedFile::scalar).toList().toString();
    }
    String text = String.valueOf(value);
    return "'" + text.replace("'", "''") + "'";
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
