package dev.sluice.server.bench;

import dev.sluice.control.CycleSummary;
import dev.sluice.control.SchedulingPolicies;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.control.Host;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Database;
import dev.sluice.server.store.JdbcJobStore;
import dev.sluice.server.store.JdbcQueueStore;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long one control-loop cycle takes with many pending jobs, per scheduling policy: the whole cycle (exits
 * recorded, store reads, decision, launches, reasons written, the view published) and the part of it that reads the
 * store into the scheduler's snapshot and decides ({@link CycleSummary#decideMillis}). A host of 8 GPUs, two queues that deserve 4
 * each, pending one-GPU preemptible jobs of three priorities. Prints a table; the first rounds warm up.
 * Arguments (optional): {@code PENDING...}, default {@code 1000 10000}.
 */
public final class ControlLoopBenchmark {
  private static final int ROUNDS = 8;
  private static final int WARM_UP = 3;

  private ControlLoopBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    var sizes = args.length == 0 ? List.of(1000, 10_000) : List.of(args).stream().map(Integer::parseInt).toList();
    System.out.printf("%-12s %8s %16s %21s%n", "scheduler", "pending", "cycle ms (mean)", "read+decide ms (mean)");
    for (int pending : sizes) {
      for (var name : List.of("fair-share", "priority")) measure(name, pending);
    }
  }

  private static void measure(String name, int pending) throws Exception {
    var dir = Files.createTempDirectory("sluice-bench-cycle");
    try (var db = Database.open(Database.h2Url(dir), null, null)) {
      var clock = InstantSource.system();
      var queues = new JdbcQueueStore(db, clock);
      for (var queue : List.of("a", "b")) {
        queues.create(new QueueRecord(queue, null, 0, Map.of("gpu", new QueueQuota(4000, null, 1, null))));
      }
      var jobs = new JdbcJobStore(db);
      for (int i = 0; i < pending; i++) {
        jobs.submit(new NewJob("bench", i % 2 == 0 ? "a" : "b", "admin", List.of("sleep", "60"), Map.of(), "/tmp",
            new JobResources(1, 1000, 0, 1000, 1024), i % 3, true, clock.instant()));
      }
      var host = Host.of("bench", 1_000_000, 10_000_000, new BenchGpus(8));
      var policy = name.equals("priority") ? SchedulingPolicies.priority() : SchedulingPolicies.fairShare(SchedulerConfig.defaults());
      var decideMillis = new ArrayList<Long>();
      double cycle;
      try (var plane = new ControlPlane(jobs, queues, host, new IdleLauncher(), policy, clock, dir.resolve("jobs"),
          Duration.ofSeconds(1), new ServerMetrics())) {
        cycle = mean(() -> {
          plane.wake();
          decideMillis.add(plane.cycle().orElseThrow().decideMillis());
        });
      }
      double decide = decideMillis.subList(WARM_UP, ROUNDS).stream().mapToLong(Long::longValue).average().orElse(0);
      System.out.printf("%-12s %8d %16.1f %21.1f%n", name, pending, cycle, decide);
    }
  }

  /** Mean milliseconds of the rounds after the warm-up ones. */
  private static double mean(Runnable round) {
    var times = new ArrayList<Double>();
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      round.run();
      if (i >= WARM_UP) times.add((System.nanoTime() - t0) / 1e6);
    }
    return times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
