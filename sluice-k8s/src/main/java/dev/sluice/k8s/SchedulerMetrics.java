package dev.sluice.k8s;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.control.CycleSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler's Prometheus metrics ({@code /metrics} on their own port): pods bound and evicted, API calls
 * that failed, workloads waiting, nodes seen, the cycle's duration, gangs running below their minimum and gangs
 * evicted for staying below it ({@link StaleGangs}).
 */
public final class SchedulerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter bound = Counter.builder("sluice_k8s_pods_bound").description("Pods bound to nodes").register(registry);
  private final Counter evicted = Counter.builder("sluice_k8s_pods_evicted").description("Pods evicted for others").register(registry);
  private final Counter failed = Counter.builder("sluice_k8s_api_failures").description("Binds and evictions the API server refused")
      .register(registry);
  private final Timer cycle = Timer.builder("sluice_k8s_cycle").description("Duration of a scheduling cycle").publishPercentiles(0.5, 0.99)
      .register(registry);
  private final Counter staleGangs = Counter.builder("sluice_k8s_stale_gangs_evicted")
      .description("Gangs whose remaining pods were evicted because they ran below their minimum for the grace period").register(registry);
  private final AtomicInteger belowMinimum = registry.gauge("sluice_k8s_gangs_below_minimum", new AtomicInteger());
  private final AtomicInteger waiting = registry.gauge("sluice_k8s_workloads_waiting", new AtomicInteger());
  private final AtomicInteger nodes = registry.gauge("sluice_k8s_nodes", new AtomicInteger());
  private HttpServer server;

  public void record(CycleSummary summary) {
    bound.increment(summary.bound());
    evicted.increment(summary.evicted());
    failed.increment(summary.failed());
    cycle.record(Duration.ofMillis(summary.millis()));
    waiting.set(summary.waiting());
    nodes.set(summary.nodes());
  }

  void record(StaleGangCount count) {
    staleGangs.increment(count.gangsEvicted());
    belowMinimum.set(count.belowMinimum());
  }

  public String scrape() {
    return registry.scrape();
  }

  /** Serves {@code /metrics} on {@code address:port} (port 0 picks one); returns the port. */
  public int serve(String address, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, port), 16);
    server.createContext("/metrics", exchange -> {
      byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (var os = exchange.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) server.stop(0);
    registry.close();
  }
}
