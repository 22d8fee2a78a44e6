package dev.sluice.server.metrics;

import dev.sluice.server.control.ClusterView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The control plane's Prometheus metrics. */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer cycle = Timer.builder("sluice.cycle")
      .description("Duration of one scheduling cycle")
      .publishPercentileHistogram()
      .register(registry);
  private final Map<String, QueueGauges> queues = new ConcurrentHashMap<>();

  private record QueueGauges(AtomicLong gpuAllocatedMilli, AtomicLong pending, AtomicLong running) {
  }

  /** Records a cycle's duration and the queues' loads after it. */
  public void cycleCompleted(Duration took, ClusterView view, Iterable<String> queueNames) {
    cycle.record(took);
    for (var name : queueNames) {
      var gauges = queues.computeIfAbsent(name, this::register);
      var load = view.queue(name);
      gauges.gpuAllocatedMilli.set(load.gpuMilli());
      gauges.pending.set(load.pending());
      gauges.running.set(load.running());
    }
  }

  private QueueGauges register(String queue) {
    var gauges = new QueueGauges(new AtomicLong(), new AtomicLong(), new AtomicLong());
    Gauge.builder("sluice.queue.gpu.allocated.milli", gauges.gpuAllocatedMilli, AtomicLong::get)
        .description("GPU thousandths allocated to the queue's running jobs").tag("queue", queue).register(registry);
    Gauge.builder("sluice.jobs.pending", gauges.pending, AtomicLong::get)
        .description("Jobs waiting in the queue").tag("queue", queue).register(registry);
    Gauge.builder("sluice.jobs.running", gauges.running, AtomicLong::get)
        .description("Jobs of the queue running").tag("queue", queue).register(registry);
    return gauges;
  }

  /** Counts a job the scheduler stopped and put back to pending (reclaim or preemption). */
  public void preempted(String queue) {
    Counter.builder("sluice.jobs.preempted")
        .description("Running jobs of the queue stopped by the scheduler to make room and put back to pending")
        .tag("queue", queue)
        .register(registry)
        .increment();
  }

  /** Records one API request by route template (never the raw path, to keep the label set small). */
  public void request(String method, String route, int status, Duration took) {
    Timer.builder("sluice.http.server.requests")
        .description("API requests by method, route and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
