package dev.triagebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a newcomer meets it: help, version, typos, bad options and a service that is
 * not running. Each answers with the documented exit code (0 done, 1 failed, 2 usage) and without a
 * stack trace.
 */
class CommandLineUsageTest {
  @TempDir Path temp;
  private final Terminal terminal = new Terminal();

  private int run(String... args) {
    return terminal.run(args);
  }

  @AfterEach
  void noStackTraceWasShown() {
    assertThat(terminal.stdout() + terminal.stderr())
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("Caused by");
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    assertThat(run("--version")).isZero();
    assertThat(terminal.stdout()).startsWith("triage-bot ").doesNotContain("unknown version");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(terminal.stdout())
        .contains("Usage: java -jar triage-bot.jar")
        .contains("serve", "classify", "eval", "replay", "jobs", "retry-failed", "backfill")
        .contains("Exit codes: 0 done, 1 failed, 2 wrong command or options.");
  }

  @Test
  void shortHelpIsHelpToo() {
    assertThat(run("-h")).isZero();
    assertThat(terminal.stdout()).contains("Commands:");
  }

  @Test
  void helpForACommandShowsItsOptions() {
    assertThat(run("help", "classify")).isZero();
    assertThat(terminal.stdout())
        .startsWith("Usage: java -jar triage-bot.jar classify")
        .contains("--title=TEXT", "--body-file=FILE", "--json", "--catalog=DIR");
  }

  @Test
  void aCommandsOwnHelpOptionShowsItsOptions() {
    assertThat(run("classify", "--help")).isZero();
    assertThat(terminal.stdout()).startsWith("Usage: java -jar triage-bot.jar classify");
  }

  @Test
  void eachStoreCommandHasItsOwnHelp() {
    assertThat(run("jobs", "--help")).isZero();
    assertThat(terminal.stdout())
        .startsWith("Usage: java -jar triage-bot.jar jobs")
        .contains("--status");
  }

  @Test
  void aTypoCommandIsRejectedInOneLineWithTheUsage() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(terminal.stderr().lines().findFirst().orElseThrow())
        .isEqualTo("error: unknown command 'frobnicate'");
    assertThat(terminal.stderr()).contains("Try 'java -jar triage-bot.jar --help'");
    assertThat(terminal.stdout()).isEmpty();
  }

  @Test
  void aNearMissSuggestsTheCommand() {
    assertThat(run("clasify")).isEqualTo(2);
    assertThat(terminal.stderr())
        .startsWith("error: unknown command 'clasify' (did you mean classify?)");
  }

  @Test
  void anUnknownOptionIsRejectedWithTheCommandsUsage() {
    assertThat(run("classify", "--bogus")).isEqualTo(2);
    assertThat(terminal.stderr().lines().toList())
        .first()
        .isEqualTo("error: Unknown option: '--bogus'");
    assertThat(terminal.stderr()).contains("Usage: java -jar triage-bot.jar classify");
  }

  @Test
  void anUnknownTopLevelOptionDoesNotStartTheService() {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(terminal.stderr()).startsWith("error: Unknown option: '--bogus'");
  }

  @Test
  void springSettingsAloneAskForTheService() {
    assertThat(
            TriageBotCommand.execute(
                    new String[] {"--server.port=9090"}, System.in, System.out, System.err)
                .serviceArguments())
        .hasValueSatisfying(args -> assertThat(args).containsExactly("--server.port=9090"));
    assertThat(
            TriageBotCommand.execute(
                    new String[] {"serve", "--server.port=9090"}, System.in, System.out, System.err)
                .serviceArguments())
        .hasValueSatisfying(args -> assertThat(args).containsExactly("--server.port=9090"));
  }

  @Test
  void aBadStatusIsRejectedBeforeAnyStoreIsOpened() {
    Path dataDir = temp.resolve("data");

    assertThat(run("jobs", "--status", "bogus", "--triage.data-dir=" + dataDir)).isEqualTo(2);

    assertThat(terminal.stderr())
        .contains("expected one of queued, running, done, failed but got 'bogus'");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void replayToAStoppedServiceSaysHowToStartIt() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path payload = Files.writeString(temp.resolve("issue.json"), "{}");

    int exit =
        run(
            "replay",
            "--event",
            "issues",
            "--secret",
            "s",
            "--payload",
            payload.toString(),
            "--url",
            "http://127.0.0.1:" + port + "/github/webhook");

    assertThat(exit).isEqualTo(1);
    assertThat(terminal.stderr())
        .isEqualTo(
            "replay: cannot reach http://127.0.0.1:"
                + port
                + "/github/webhook: is the service running? start it with java -jar"
                + " bot/target/triage-bot.jar"
                + System.lineSeparator());
  }

  @Test
  void replayWithoutASchemeSaysWhatAnAddressLooksLike() throws IOException {
    Path payload = Files.writeString(temp.resolve("issue.json"), "{}");

    int exit =
        run(
            "replay",
            "--event",
            "issues",
            "--payload",
            payload.toString(),
            "--url",
            "localhost:8080/github/webhook");

    assertThat(exit).isEqualTo(2);
    assertThat(terminal.stderr())
        .startsWith(
            "error: --url must be an http:// or https:// address such as"
                + " http://localhost:8080/github/webhook; got 'localhost:8080/github/webhook'");
  }

  @Test
  void aMissingCatalogDirectoryIsSaidToNotExist() {
    Path missing = temp.resolve("no-such-catalog");

    assertThat(run("classify", "--title", "x", "--body", "y", "--catalog", missing.toString()))
        .isEqualTo(2);
    assertThat(terminal.stderr()).contains(missing + ": (directory): does not exist");
  }

  @Test
  void classifyJsonListsThresholdsInAFixedOrder() throws IOException {
    assertThat(run("classify", "--title", "x", "--body", "y", "--json")).isZero();

    var thresholds =
        new ObjectMapper().readTree(terminal.stdout()).get("results").get(0).get("thresholds");
    assertThat(List.copyOf(iterable(thresholds.fieldNames()))).containsExactly("match", "apply");
  }

  private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
    List<T> items = new java.util.ArrayList<>();
    iterator.forEachRemaining(items::add);
    return items;
  }
}
