package dev.triagebot.bot.webhook;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A burst of new connections waits in the kernel's accept queue until Tomcat's one acceptor thread
 * takes them. GitHub opens a connection per delivery, and the bot closes one after each 503; with
 * Tomcat's default queue of 100, a burst overflowed it, and each connection the kernel dropped cost
 * its sender a SYN retransmit, a second or more, before any code of the bot saw it. With the
 * shipped settings, several hundred connections opened while nothing accepts are all queued, none
 * dropped.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "triage.review.reaction-polling=false")
class AcceptQueueTest {
  /** More than Tomcat's default accept queue (100) holds, well within the shipped one. */
  private static final int CONNECTIONS = 400;

  /**
   * A dropped connection's first retransmit comes after a second; a queued one connects at once.
   */
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry settings) {
    settings.add("triage.data-dir", AcceptQueueTest::dataDir);
    settings.add("spring.datasource.url", () -> "jdbc:h2:mem:accept-queue");
  }

  @Autowired WebServerApplicationContext context;

  @Test
  void aBurstOfConnectionsWaitsInTheAcceptQueueInsteadOfBeingDropped() throws IOException {
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux"),
        "the accept queue's overflow behaviour checked here is Linux's");
    // One buffered read: a sysctl file read a byte at a time ends after the first byte.
    int kernelCap = Integer.parseInt(Files.readAllLines(SOMAXCONN).get(0).strip());
    assumeTrue(
        kernelCap > CONNECTIONS,
        "net.core.somaxconn is %d here: the kernel caps every accept queue below the %d connections this opens"
            .formatted(kernelCap, CONNECTIONS));
    Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
    int port = connector.getLocalPort();
    List<Socket> opened = new ArrayList<>();
    connector.pause(); // the acceptor stops taking connections: each new one stays queued
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = new Socket();
        opened.add(socket);
        try {
          socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
        } catch (SocketTimeoutException dropped) {
          throw new AssertionError(
              "connection %d of %d was dropped by a full accept queue (server.tomcat.accept-count)"
                  .formatted(i + 1, CONNECTIONS),
              dropped);
        }
      }
    } finally {
      for (Socket socket : opened) {
        socket.close();
      }
      connector.resume();
    }
  }

  private static String dataDir() {
    try {
      return Files.createTempDirectory("accept-queue").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
