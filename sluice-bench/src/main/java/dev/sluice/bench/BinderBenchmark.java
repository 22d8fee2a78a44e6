package dev.sluice.bench;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.BenchCommit;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.read.SnapshotReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sluice's commit path against an API server that answers at once: fabric8's mock API server in expectations
 * mode (no store: each answer is set before the run and found by method and path) over loopback HTTP, and
 * Sluice's own {@code CycleCommit} ({@link BenchCommit}) committing one cycle the core decided on {@code pods}
 * pending pods of whole GPUs ({@link BenchCluster}) and {@code pods / 2} nodes. Each bind is a
 * {@code pods/binding} POST, answered 201; each bound pod's {@code Scheduled} Event a POST answered 201 (sent in
 * the background: the commit does not wait for them); the Queues' statuses are read and written too. A smaller
 * cycle is committed first to warm the JIT and the connections.
 */
public final class BinderBenchmark {
  /**
   * @param placed         pods the core placed, so many binds sent
   * @param bound          pods the commit reports bound
   * @param failed         pods the commit reports failed
   * @param commitSeconds  the whole commit, from its start until it returned
   * @param bindsPerSecond {@code bound} over {@code commitSeconds}
   * @param bindP50Ms      median time of one bind from sent to answered, as the binder's HTTP client sees it
   * @param bindP99Ms      p99 of the same
   * @param parallelism    binds in flight at most (K8sConfig's {@code bindParallelism})
   * @param eventsInCommit Events answered while the commit ran
   * @param events         Events answered once they stopped coming
   * @param others         other calls (the Queues' statuses)
   * @param refused        calls answered with other than 2xx
   * @param heapMb         heap in use after a GC at the end: the in-memory cluster, the decisions and the mock
   *                       server (with its record of every request) included
   */
  public record Result(int nodes, int placed, int bound, int failed, double commitSeconds, double bindsPerSecond, double bindP50Ms,
                       double bindP99Ms, int parallelism, int eventsInCommit, int events, int others, int refused, long heapMb) {
  }

  private static final Instant STARTED = Instant.ofEpochMilli(1_000);
  private static final String NAMESPACE_PATH = "/api/v1/namespaces/" + BenchCluster.NAMESPACE;

  private BinderBenchmark() {
  }

  public static Result run(int pods, int parallelism) throws InterruptedException {
    var config = withBindParallelism(K8sConfig.defaults(), parallelism);
    int nodes = Math.max(1, pods / 2);
    var warmUp = decide(config, BenchCluster.objectsOfWholeGpuPods(Math.max(1, nodes / 10), Math.max(1, pods / 10)));
    var timed = decide(config, BenchCluster.objectsOfWholeGpuPods(nodes, pods));
    var calls = new ApiCalls();
    var server = new KubernetesMockServer(false);
    // The mock server logs every request it answers at INFO; on the console that would time the logging, not the binder.
    var serverLog = Logger.getLogger(MockWebServer.class.getName());
    var level = serverLog.getLevel();
    serverLog.setLevel(Level.WARNING);
    try {
      server.init(java.net.InetAddress.getLoopbackAddress(), 0);
      answerAtOnce(server, timed.objects());
      try (var client = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
          .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("bench-api-calls", calls)))) {
        commit(client, config, warmUp, calls);
        calls.clear();
        return commit(client, config, timed, calls).result(nodes, parallelism, calls);
      }
    } finally {
      server.destroy();
      serverLog.setLevel(level);
    }
  }

  private record Decided(ClusterObjects objects, ClusterRead read, CycleResult result) {
    int placed() {
      return result.binds().stream().mapToInt(b -> b.pods().size()).sum();
    }
  }

  private static Decided decide(K8sConfig config, ClusterObjects objects) {
    var read = new SnapshotReader(config).read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), STARTED.toEpochMilli());
    return new Decided(objects, read, new Scheduler(SchedulerConfig.defaults()).cycle(read.snapshot()));
  }

  /** Sets the answers: 201 to every pod's binding and to Events, the Queues as they are to their reads and status writes. */
  private static void answerAtOnce(KubernetesMockServer server, ClusterObjects objects) {
    for (var pod : objects.pods()) {
      server.expect().post().withPath(NAMESPACE_PATH + "/pods/" + pod.getMetadata().getName() + "/binding")
          .andReturn(201, "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Success\",\"code\":201}").always();
    }
    server.expect().post().withPath(NAMESPACE_PATH + "/events")
        .andReturn(201, "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"bench\"}}").always();
    for (var queue : objects.queues()) {
      String path = "/apis/sluice.dev/v1alpha1/queues/" + queue.getMetadata().getName();
      server.expect().withPath(path).andReturn(200, Serialization.asJson(queue)).always();
      server.expect().withPath(path + "/status").andReturn(200, Serialization.asJson(queue)).always();
    }
  }

  private record Run(Decided decided, int bound, int failed, long nanos, int eventsInCommit, long heapMb) {
    Result result(int nodes, int parallelism, ApiCalls calls) {
      double seconds = nanos / 1e9;
      double[] binds = calls.bindMillisSorted();
      return new Result(nodes, decided.placed(), bound, failed, seconds, bound / Math.max(1e-9, seconds), percentile(binds, 0.5),
          percentile(binds, 0.99), parallelism, eventsInCommit, calls.events(), calls.others(), calls.refused(), heapMb);
    }
  }

  private static Run commit(KubernetesClient client, K8sConfig config, Decided decided, ApiCalls calls) throws InterruptedException {
    try (var commit = new BenchCommit(client, config)) {
      long start = System.nanoTime();
      var committed = commit.commit(decided.objects(), decided.read(), decided.result(), STARTED);
      long nanos = System.nanoTime() - start;
      int eventsInCommit = calls.events();
      awaitEvents(calls);
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
      return new Run(decided, committed.bound(), committed.failed(), nanos, eventsInCommit, heap);
    }
  }

  /** Waits until no Event was answered for half a second; at most 30 seconds. */
  private static void awaitEvents(ApiCalls calls) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int seen = -1;
    while (calls.events() != seen && System.nanoTime() < deadline) {
      seen = calls.events();
      Thread.sleep(500);
    }
  }

  private static double percentile(double[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private static K8sConfig withBindParallelism(K8sConfig c, int parallelism) {
    return new K8sConfig(c.schedulerName(), c.defaultQueue(), c.reservationNamespace(), c.reservationImage(), c.preemptibleBelow(),
        c.cycleInterval(), parallelism, c.bindAttempts(), c.assumedTimeout(), c.statusWritesPerCycle(), c.gangRetryBackoff(),
        c.staleGangGrace(), c.topologyLabels());
  }
}
