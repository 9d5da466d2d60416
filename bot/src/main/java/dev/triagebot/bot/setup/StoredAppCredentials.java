package dev.triagebot.bot.setup;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The App credentials {@code /setup} received, kept under {@code <data-dir>/github-app/}: the
 * private key in {@value #KEY_FILE}, the id and webhook secret in {@value #SETTINGS_FILE}, the
 * folder readable by its owner only (0700) and each file too (0600), from the moment it is created.
 * Written once: existing credentials are never replaced.
 */
public final class StoredAppCredentials {
  static final String FOLDER = "github-app";
  static final String KEY_FILE = "private-key.pem";
  static final String SETTINGS_FILE = "app.properties";

  static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path folder;

  /**
   * @param dataDir {@code triage.data-dir}
   */
  public StoredAppCredentials(Path dataDir) {
    this.folder = dataDir.toAbsolutePath().normalize().resolve(FOLDER);
  }

  /** The folder the credentials are kept in. */
  public Path folder() {
    return folder;
  }

  /** Whether credentials are stored (the settings file is written last, so it says so). */
  public boolean exist() {
    return Files.exists(folder.resolve(SETTINGS_FILE));
  }

  /**
   * Makes the owner-only folder, so that a data dir the service cannot write to shows before GitHub
   * hands out credentials that would then have nowhere to go.
   *
   * @throws SetupFailure when the folder cannot be made or written to
   */
  public void prepare() throws SetupFailure {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
      }
      // createDirectory's attribute is filtered by the umask; set it outright.
      Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
      Files.delete(newOwnerOnlyFile());
    } catch (IOException | UnsupportedOperationException cannot) {
      throw new SetupFailure(
          "The credentials cannot be kept under the data dir (triage.data-dir): "
              + cannot.getClass().getSimpleName()
              + " on "
              + folder
              + ". Fix that (an owner-only folder on a POSIX file system) and reload /setup.",
          cannot);
    }
  }

  /**
   * Writes the App's private key, id and webhook secret, each file complete before it is named.
   *
   * @throws SetupFailure when credentials are stored already or the files cannot be written
   */
  public synchronized void store(CreatedApp app) throws SetupFailure {
    prepare();
    if (exist()) {
      throw new SetupFailure("GitHub App credentials are stored already; nothing was replaced.");
    }
    Properties settings = new Properties();
    settings.setProperty("app-id", Long.toString(app.id()));
    settings.setProperty("slug", app.slug());
    settings.setProperty("html-url", app.htmlUrl().toString());
    if (app.webhookSecret() != null) {
      settings.setProperty("webhook-secret", app.webhookSecret());
    }
    // The client id and secret are left out: they serve OAuth sign-in of users, which the bot
    // never does, and GitHub makes a new client secret on the App's page when one is needed.
    StringWriter text = new StringWriter();
    try {
      settings.store(text, "The GitHub App this service acts as, written by /setup. Owner-only.");
      write(KEY_FILE, app.pem());
      // Last: its presence is what says the credentials exist.
      write(SETTINGS_FILE, text.toString());
    } catch (IOException | UnsupportedOperationException cannot) {
      throw new SetupFailure(
          "GitHub created the App (id "
              + app.id()
              + ") but its credentials could not be written to "
              + folder
              + " ("
              + cannot.getClass().getSimpleName()
              + "). On the App's page on GitHub generate a new private key and configure the"
              + " service by hand (README, Install as a GitHub App).",
          cannot);
    }
  }

  /**
   * The stored credentials as the settings the service reads: {@code triage.github.app-id}, {@code
   * triage.github.private-key-path} and, when GitHub set one, {@code triage.github.webhook-secret}.
   */
  public Optional<Map<String, Object>> asSettings() {
    if (!exist()) {
      return Optional.empty();
    }
    Properties stored = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve(SETTINGS_FILE))) {
      stored.load(in);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(
          "cannot read the stored GitHub App settings " + folder.resolve(SETTINGS_FILE),
          unreadable);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("triage.github.app-id", stored.getProperty("app-id"));
    settings.put("triage.github.private-key-path", folder.resolve(KEY_FILE).toString());
    String secret = stored.getProperty("webhook-secret");
    if (secret != null) {
      settings.put("triage.github.webhook-secret", secret);
    }
    return Optional.of(settings);
  }

  private void write(String name, String content) throws IOException {
    Path draft = newOwnerOnlyFile();
    try {
      Files.writeString(draft, content, StandardCharsets.UTF_8);
      // A key left by an attempt that failed before the settings file replaces nothing in use.
      Files.move(draft, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  /** An empty file readable by the owner only, created so (not narrowed after being written). */
  private Path newOwnerOnlyFile() throws IOException {
    Path file =
        Files.createTempFile(
            folder, ".", ".part", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    return file;
  }
}
