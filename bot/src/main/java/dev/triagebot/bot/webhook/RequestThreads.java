package dev.triagebot.bot.webhook;

import dev.triagebot.bot.queue.IngressActivity;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * How many requests wait for one of the web server's request threads. Under a burst that outruns
 * the cores, requests queue there, before any of ingress's own code runs, so neither the shedding
 * nor the workers' yielding would see them; this count lets both. Zero on a server other than
 * Tomcat, and on the management server's own port.
 */
@Component
public final class RequestThreads implements ApplicationListener<WebServerInitializedEvent> {
  private volatile IntSupplier waiting = () -> 0;

  /** Lets the workers see requests waiting for a thread as ingress being busy. */
  RequestThreads(IngressActivity activity) {
    activity.countWaiting(this::waiting);
  }

  /** Counts from the main server's Tomcat thread pool once it has started. */
  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null
        || !(event.getWebServer() instanceof TomcatWebServer tomcat)) {
      return;
    }
    Executor executor = tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor();
    if (executor instanceof ThreadPoolExecutor pool) {
      watch(() -> pool.getQueue().size());
    }
  }

  /** Counts with {@code queued}; the web server's hook, and a test's. */
  void watch(IntSupplier queued) {
    this.waiting = queued;
  }

  /** Requests accepted by the web server and waiting for a thread now. */
  public int waiting() {
    return waiting.getAsInt();
  }
}
