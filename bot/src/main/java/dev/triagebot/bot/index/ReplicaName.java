package dev.triagebot.bot.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The name of this replica, kept beside its indexes in {@code <data-dir>/index/replica-id}: it
 * names the backfill lease a replica holds and the changes its own index parked. A replica with a
 * fresh data dir is a new replica (its index is rebuilt from the store, so nothing of the old one's
 * state applies to it).
 */
public final class ReplicaName {
  private ReplicaName() {}

  /** This data dir's replica name, made up (host and a random part) the first time. */
  public static String of(Path dataDir) {
    Path file = dataDir.resolve("index").resolve("replica-id");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        String name = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
          Files.writeString(file, name + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another context of this JVM wrote it first; read theirs
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the replica name at " + file, e);
    }
  }

  private static String host() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host.length() > 100 ? host.substring(0, 100) : host;
    } catch (UnknownHostException e) {
      return "replica";
    }
  }
}
