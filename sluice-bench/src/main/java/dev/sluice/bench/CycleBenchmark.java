package dev.sluice.bench;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.Node;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Times Sluice's scheduler cycle in-process on a synthetic cluster: full cycles over many pending pods on
 * fresh snapshots, and a reclaim where a tenth of the cluster must change hands.
 */
public final class CycleBenchmark {
  /** Full cycles: median and p99 (nearest rank) over the repeats, and how many pods the cycle bound. */
  public record CycleTiming(int nodes, int gpus, int pending, int queues, double medianMillis, double p99Millis,
                            double minMillis, int podsBound) {
    public double podsPerSecond() {
      return podsBound / (medianMillis / 1000);
    }
  }

  /**
   * The reclaim: cycles, each on the snapshot the previous one left, until the reclaiming queues hold what
   * they asked for (or {@code maxCycles}).
   *
   * @param firstCycleMillis the first cycle, where reclaim starts
   * @param totalMillis      all cycles together
   * @param cycles           how many it took
   * @param evictions        workloads evicted in all
   * @param reclaimedPct     share of the reclaiming queues' requests running at the end
   */
  public record ReclaimTiming(int running, int reclaimers, int requested, double firstCycleMillis, double totalMillis,
                              int cycles, int evictions, double reclaimedPct) {}

  private final SchedulerConfig config;
  private final boolean fabric;

  /** @param fabric whether nodes have RDMA NICs and a topology and pods ask for them ({@link SyntheticCluster#fabricNodes}) */
  public CycleBenchmark(SchedulerConfig config, boolean fabric) {
    this.config = config;
    this.fabric = fabric;
  }

  public CycleTiming timeFullCycles(int nodeCount, int pendingCount, int queueCount, long seed, int warmups, int repeats) {
    var nodes = fabric ? SyntheticCluster.fabricNodes(nodeCount) : SyntheticCluster.nodes(nodeCount);
    var queues = SyntheticCluster.queues(queueCount, 1000L * SyntheticCluster.GPUS_PER_NODE * nodeCount);
    var pending = fabric ? SyntheticCluster.fabricPending(pendingCount, queueCount, seed)
        : SyntheticCluster.pending(pendingCount, queueCount, seed);
    var scheduler = new Scheduler(config);
    int bound = 0;
    for (int i = 0; i < warmups; i++) bound = scheduler.cycle(fresh(nodes, List.of(), pending, queues)).binds().size();
    var millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      var snapshot = fresh(nodes, List.of(), pending, queues);
      long start = System.nanoTime();
      bound = scheduler.cycle(snapshot).binds().size();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new CycleTiming(nodeCount, nodeCount * SyntheticCluster.GPUS_PER_NODE, pendingCount, queueCount,
        millis[repeats / 2], millis[(int) Math.ceil(0.99 * repeats) - 1], millis[0], bound);
  }

  /**
   * Every node runs one preemptible 8-GPU workload of a queue of departments 1..9, so they borrow the idle
   * quota of department 0; then each leaf of department 0 (a tenth of the leaves) asks for its deserved GPUs
   * back in 8-GPU workloads: together a tenth of the cluster.
   */
  public ReclaimTiming timeReclaim(int nodeCount, int queueCount, int maxCycles) {
    var nodes = fabric ? SyntheticCluster.fabricNodes(nodeCount) : SyntheticCluster.nodes(nodeCount);
    long capacity = 1000L * SyntheticCluster.GPUS_PER_NODE * nodeCount;
    var queues = SyntheticCluster.queues(queueCount, capacity);
    var reclaiming = new ArrayList<Integer>();
    var borrowing = new ArrayList<Integer>();
    for (int q = 0; q < queueCount; q++) (q % SyntheticCluster.DEPARTMENTS == 0 ? reclaiming : borrowing).add(q);
    var running = new ArrayList<RunningWorkload>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      var queue = SyntheticCluster.leaf(borrowing.get(i % borrowing.size()));
      var w = SyntheticCluster.workload(String.format("r%07d", i), queue, SyntheticCluster.GPUS_PER_NODE, 1000, i, true);
      running.add(new RunningWorkload(w, List.of(new PodBinding(w.pods().getFirst(), nodes.get(i).name(),
          List.of(0, 1, 2, 3, 4, 5, 6, 7))), 0));
    }
    long perQueueGpus = capacity / queueCount / 1000;
    var pending = new ArrayList<Workload>();
    for (int q : reclaiming) {
      for (int k = 0; k < perQueueGpus / SyntheticCluster.GPUS_PER_NODE; k++) {
        pending.add(SyntheticCluster.workload(String.format("n%04d-%03d", q, k), SyntheticCluster.leaf(q),
            SyntheticCluster.GPUS_PER_NODE, 1000, nodeCount + pending.size(), false));
      }
    }
    var asked = new HashSet<String>();
    pending.forEach(w -> asked.add(w.id()));
    var scheduler = new Scheduler(config);
    var snapshot = fresh(nodes, running, pending, queues).at(1);
    double first = 0;
    double total = 0;
    int cycles = 0;
    int evictions = 0;
    while (cycles < maxCycles && runningOf(snapshot, asked) < asked.size()) {
      long start = System.nanoTime();
      var result = scheduler.cycle(snapshot);
      double ms = (System.nanoTime() - start) / 1e6;
      if (cycles == 0) first = ms;
      total += ms;
      cycles++;
      evictions += result.evictions().size();
      var next = snapshot.after(result);
      if (next.equals(snapshot)) break;
      snapshot = next.at(snapshot.now() + 1);
    }
    return new ReclaimTiming(nodeCount, reclaiming.size(), asked.size(), first, total, cycles, evictions,
        100.0 * runningOf(snapshot, asked) / asked.size());
  }

  private static int runningOf(SchedulerSnapshot snapshot, Set<String> ids) {
    int count = 0;
    for (var r : snapshot.running()) if (ids.contains(r.id())) count++;
    return count;
  }

  private static SchedulerSnapshot fresh(List<Node> nodes, List<RunningWorkload> running, List<Workload> pending,
                                         QueueTree queues) {
    return SchedulerSnapshot.of(nodes, running, pending, queues, UsageHistory.empty(0, Duration.ofHours(1)), 0);
  }
}
