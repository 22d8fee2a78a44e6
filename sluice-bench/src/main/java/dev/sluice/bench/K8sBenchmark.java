package dev.sluice.bench;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.read.SnapshotReader;
import java.util.Arrays;
import java.util.Map;
import dev.sluice.control.CycleSummary;
import dev.sluice.k8s.Crds;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.KubernetesLoop;
import dev.sluice.testkit.k8s.MockApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Sluice scheduling a cluster through the API server: fabric8's mock API server (CRUD mode, same JVM,
 * loopback HTTP) holds {@code nodes} nodes ({@link BenchCluster}); the scheduler runs; {@code pods} pods are
 * created as fast as 64 concurrent clients can; it measures until every pod that can be bound is.
 */
public final class K8sBenchmark {
  /**
   * @param createSeconds    from the first pod created to the last
   * @param drainSeconds     from the last pod created to the last pod bound
   * @param bound            pods bound
   * @param bindsPerSecond   pods bound over the time from the first bind to the last
   * @param cycles           cycles run while pods were bound
   * @param decideMedianMs   median time to read the caches and run the core cycle
   * @param cycleMedianMs    median full cycle, binds and status writes included
   * @param cycleP99Ms       p99 full cycle
   * @param heapMb           heap in use after a GC at the end (scheduler and mock server share the JVM)
   */
  public record Result(int nodes, int pods, double createSeconds, double drainSeconds, int bound, double bindsPerSecond, int cycles,
                       double decideMedianMs, double cycleMedianMs, double cycleP99Ms, long heapMb) {
  }

  /**
   * Sluice's own part of a cycle at scale, on API objects in memory as the informers hold them: reading them
   * into a snapshot and running the core cycle, median over the repeats, all pods pending.
   */
  public record DecideResult(int nodes, int pods, double readMedianMs, double cycleMedianMs, int bound, long heapMb) {
  }

  /** Times {@link SnapshotReader} and the core cycle on {@code nodes} nodes and {@code pods} pending pods. */
  public static DecideResult decide(int nodes, int pods, int warmups, int repeats) {
    var objects = BenchCluster.objects(nodes, pods);
    var reader = new SnapshotReader(K8sConfig.defaults());
    var scheduler = new Scheduler(SchedulerConfig.defaults());
    var usage = UsageHistory.empty(0, Duration.ofHours(1));
    var read = new double[repeats];
    var cycle = new double[repeats];
    int bound = 0;
    for (int i = -warmups; i < repeats; i++) {
      long start = System.nanoTime();
      var snapshot = reader.read(objects, Map.of(), usage, 1_000).snapshot();
      long readDone = System.nanoTime();
      bound = scheduler.cycle(snapshot).binds().size();
      if (i >= 0) {
        read[i] = (readDone - start) / 1e6;
        cycle[i] = (System.nanoTime() - readDone) / 1e6;
      }
    }
    Arrays.sort(read);
    Arrays.sort(cycle);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    return new DecideResult(nodes, pods, read[repeats / 2], cycle[repeats / 2], bound, heap);
  }

  private final int nodes;
  private final int pods;
  private final Duration quiet;

  public K8sBenchmark(int nodes, int pods, Duration quiet) {
    this.nodes = nodes;
    this.pods = pods;
    this.quiet = quiet;
  }

  public Result run() throws InterruptedException {
    try (var server = new MockApiServer(); var client = server.client()) {
      Crds.create(client);
      for (var ns : List.of("sluice-system", BenchCluster.NAMESPACE)) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      BenchCluster.queues(client);
      parallel(nodes, i -> () -> BenchCluster.node(client, i));
      var summaries = Collections.synchronizedList(new ArrayList<Timed>());
      var config = K8sConfig.defaults().withCycleInterval(Duration.ofMillis(200));
      try (var loop = new KubernetesLoop(client, config, SchedulerConfig.defaults(), InstantSource.system(), Duration.ofSeconds(30),
          Duration.ofHours(1))) {
        loop.sync();
        loop.start(s -> summaries.add(new Timed(System.nanoTime(), s)));
        long createStart = System.nanoTime();
        parallel(pods, i -> () -> BenchCluster.pod(client, i));
        long created = System.nanoTime();
        awaitQuiet(summaries, created);
        return result(summaries, createStart, created);
      }
    }
  }

  private record Timed(long nanos, CycleSummary summary) {
  }

  /**
   * Waits until a cycle that began after the last pod was created bound nothing and no pod was bound for
   * {@code quiet}; at most ten minutes.
   */
  private void awaitQuiet(List<Timed> summaries, long created) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long lastBind = created;
    boolean idleCycleSeen = false;
    int seen = 0;
    while (System.nanoTime() < deadline && !(idleCycleSeen && System.nanoTime() - lastBind >= quiet.toNanos())) {
      Thread.sleep(100);
      synchronized (summaries) {
        for (; seen < summaries.size(); seen++) {
          var t = summaries.get(seen);
          long began = t.nanos() - t.summary().millis() * 1_000_000;
          if (t.summary().bound() > 0) lastBind = t.nanos();
          else if (began > created) idleCycleSeen = true;
        }
      }
    }
  }

  private Result result(List<Timed> all, long createStart, long created) {
    List<Timed> binding;
    synchronized (all) {
      binding = all.stream().filter(t -> t.summary().bound() > 0).toList();
    }
    int bound = binding.stream().mapToInt(t -> t.summary().bound()).sum();
    long firstBind = binding.isEmpty() ? created : binding.getFirst().nanos() - binding.getFirst().summary().millis() * 1_000_000;
    long lastBind = binding.isEmpty() ? created : binding.getLast().nanos();
    var full = binding.stream().mapToLong(t -> t.summary().millis()).sorted().toArray();
    var decide = binding.stream().mapToLong(t -> t.summary().decideMillis()).sorted().toArray();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    return new Result(nodes, pods, (created - createStart) / 1e9, Math.max(0, lastBind - created) / 1e9, bound,
        bound / Math.max(1e-9, (lastBind - firstBind) / 1e9), binding.size(), percentile(decide, 0.5), percentile(full, 0.5),
        percentile(full, 0.99), heap);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  /** Runs {@code count} creations, at most 64 at once. */
  private static void parallel(int count, IntFunction<Runnable> task) throws InterruptedException {
    var permits = new Semaphore(64);
    var failures = new AtomicLong();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        permits.acquire();
        var work = task.apply(i);
        executor.submit(() -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          } finally {
            permits.release();
          }
        });
      }
    }
    if (failures.get() > 0) throw new IllegalStateException(failures.get() + " of " + count + " creations failed");
  }

}
