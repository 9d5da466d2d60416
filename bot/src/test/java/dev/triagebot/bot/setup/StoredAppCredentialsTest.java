package dev.triagebot.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/** Credentials from /setup are kept owner-only, never replaced, and read back as settings. */
class StoredAppCredentialsTest {
  static final String PEM =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIkey\n-----END RSA PRIVATE KEY-----\n";
  static final CreatedApp APP =
      new CreatedApp(
          42,
          "triage-bot-octocat",
          "octocat",
          URI.create("https://github.com/apps/triage-bot-octocat"),
          PEM,
          "whsec-1234");

  @TempDir Path dataDir;

  @Test
  void theKeyAndSettingsAreWrittenOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
    StoredAppCredentials stored = new StoredAppCredentials(dataDir);

    stored.store(APP);

    Path folder = dataDir.resolve("github-app");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("private-key.pem", "app.properties");
    }
    for (String file : new String[] {"private-key.pem", "app.properties"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file))))
          .as(file)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(folder.resolve("private-key.pem"))).isEqualTo(PEM);
    assertThat(stored.exist()).isTrue();
    assertThat(stored.asSettings().orElseThrow())
        .isEqualTo(
            Map.of(
                "triage.github.app-id", "42",
                "triage.github.private-key-path", folder.resolve("private-key.pem").toString(),
                "triage.github.webhook-secret", "whsec-1234"));
  }

  @Test
  void storedCredentialsAreNeverReplaced() throws Exception {
    StoredAppCredentials stored = new StoredAppCredentials(dataDir);
    stored.store(APP);

    CreatedApp other =
        new CreatedApp(
            43, "other", "octocat", URI.create("https://github.com/apps/other"), "x", "y");
    assertThatThrownBy(() -> stored.store(other))
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("stored already");

    assertThat(stored.asSettings().orElseThrow()).containsEntry("triage.github.app-id", "42");
    assertThat(Files.readString(dataDir.resolve("github-app/private-key.pem"))).isEqualTo(PEM);
  }

  @Test
  void aDataDirThatCannotHoldThemIsReportedBeforeGitHubIsAsked() throws Exception {
    Path file = Files.writeString(dataDir.resolve("not-a-folder"), "x");
    StoredAppCredentials stored = new StoredAppCredentials(file);

    assertThatThrownBy(stored::prepare)
        .isInstanceOf(SetupFailure.class)
        .hasMessageContaining("cannot be kept under the data dir");
    assertThat(stored.exist()).isFalse();
  }

  @Test
  void theServiceReadsTheStoredCredentialsAsItsGitHubSettings() throws Exception {
    new StoredAppCredentials(dataDir).store(APP);
    MockEnvironment environment =
        new MockEnvironment().withProperty("triage.data-dir", dataDir.toString());

    new StoredAppSettings(new DeferredLogs()).postProcessEnvironment(environment, null);

    assertThat(environment.getProperty("triage.github.app-id")).isEqualTo("42");
    assertThat(environment.getProperty("triage.github.webhook-secret")).isEqualTo("whsec-1234");
    assertThat(environment.getProperty("triage.github.private-key-path"))
        .isEqualTo(dataDir.resolve("github-app/private-key.pem").toString());
  }

  @Test
  void credentialsSetExplicitlyWinAndAreNeverMixedWithStoredOnes() throws Exception {
    new StoredAppCredentials(dataDir).store(APP);
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("triage.data-dir", dataDir.toString())
            .withProperty("triage.github.token", "ghp_explicit");

    new StoredAppSettings(new DeferredLogs()).postProcessEnvironment(environment, null);

    assertThat(environment.getProperty("triage.github.app-id")).isNull();
    assertThat(environment.getProperty("triage.github.webhook-secret")).isNull();
    assertThat(environment.getPropertySources().contains(StoredAppSettings.SOURCE_NAME)).isFalse();
  }

  @Test
  void withoutStoredCredentialsNothingIsAdded() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getSystemProperties().put("triage.data-dir", dataDir.toString());

    new StoredAppSettings(new DeferredLogs()).postProcessEnvironment(environment, null);

    assertThat(environment.getPropertySources().contains(StoredAppSettings.SOURCE_NAME)).isFalse();
  }
}
