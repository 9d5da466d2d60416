package dev.triagebot.bot.cli;

import dev.triagebot.classifier.eval.Dataset;
import dev.triagebot.classifier.eval.LabelledIssue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The labelled JSON Lines files of {@code eval} and {@code fit}, each read once: its bytes (for the
 * fitted file's hash) and its records, unreadable lines reported on standard error and skipped.
 */
final class DatasetFiles {
  /** One file as read. */
  record Loaded(Path path, byte[] bytes, Dataset dataset) {}

  private DatasetFiles() {}

  static List<Loaded> read(List<Path> paths, PrintStream err, CommandLine command)
      throws IOException {
    List<Loaded> loaded = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isRegularFile(path)) {
        throw new ParameterException(command, "dataset not found: " + path);
      }
      byte[] bytes = Files.readAllBytes(path);
      Dataset dataset = Dataset.parse(new String(bytes, StandardCharsets.UTF_8).lines().toList());
      dataset.rejected().forEach(line -> err.println("skipped " + path + " " + line));
      loaded.add(new Loaded(path, bytes, dataset));
    }
    return loaded;
  }

  /** The records of all files, in order, as one dataset. */
  static Dataset merged(List<Loaded> files) {
    List<LabelledIssue> issues = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Loaded file : files) {
      issues.addAll(file.dataset().issues());
      rejected.addAll(file.dataset().rejected());
    }
    return new Dataset(issues, rejected);
  }
}
