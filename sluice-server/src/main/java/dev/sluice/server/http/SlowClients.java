package dev.sluice.server.http;

import io.javalin.config.JettyConfig;
import java.time.Duration;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;

/**
 * Keeps a client that sends slowly from holding a server thread: a blocking read or write waits at most
 * {@link #IDLE} for the next bytes, and a request body must come at {@link #MIN_BYTES_PER_SECOND} or faster
 * (averaged from the start of the request), so a body trickled a byte at a time is cut off within seconds
 * (Jetty answers {@code 408} and closes the connection).
 */
final class SlowClients {
  static final Duration IDLE = Duration.ofSeconds(10);
  static final long MIN_BYTES_PER_SECOND = 1024;

  private SlowClients() {
  }

  static void limit(JettyConfig jetty) {
    jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(IDLE.toMillis()));
    jetty.modifyServer(server -> {
      server.setHandler(new MinimumDataRateHandler(server.getHandler(), MIN_BYTES_PER_SECOND, 0));
    });
  }
}
