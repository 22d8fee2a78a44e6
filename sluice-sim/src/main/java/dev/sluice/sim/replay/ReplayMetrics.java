package dev.sluice.sim.replay;

import dev.sluice.core.fairness.FairShare;
import dev.sluice.core.fairness.FairShareInput;
import dev.sluice.core.queue.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a replay on virtual time. The state after each cycle holds until the next batch of events:
 * <ul>
 *   <li>utilisation: allocated GPU milli integrated over time, over capacity × the arrival window (from the
 *   first arrival to the last), the time the trace offers work;</li>
 *   <li>queueing delay: a pod's wait from arrival to its first start;</li>
 *   <li>fairness distance: |allocated − fair share| GPU of each leaf integrated over the arrival window, over
 *   capacity × window,
 *   where the fair share is {@link FairShare} of the cluster's GPUs with each leaf's demand = its running
 *   plus waiting GPU (no usage history);</li>
 *   <li>time to reclaim: an episode starts when, after a cycle, a leaf has a waiting GPU pod that would fit
 *   within its deserved quota (allocated + pod ≤ deserved) and ends at the first cycle after which it has none;
 *   an episode still open at the end is closed there.</li>
 * </ul>
 */
public final class ReplayMetrics {
  public static final String ALL = "all";

  private final ReplayWorkload workload;
  private final List<String> leaves;
  private final Map<String, Integer> leafIndex = new HashMap<>();
  private final long capacity;
  private final long[] deserved;
  private final long[] allocated;
  private final long[] fair;
  private final double[] distance;
  private final long[] starvedSince;
  private final List<List<Long>> reclaims = new ArrayList<>();
  private final List<List<Long>> delays = new ArrayList<>();
  private final boolean[] startedOnce;
  private final List<Long> times = new ArrayList<>();
  private final List<Double> utilization = new ArrayList<>();
  private long first = -1;
  private long last = -1;
  private double allocatedIntegral;
  private final long windowEnd;
  private int preemptions;
  private int moves;

  public ReplayMetrics(ReplayWorkload workload) {
    this.workload = workload;
    this.leaves = workload.leafQueues();
    this.capacity = workload.gpuCapacityMilli();
    int n = leaves.size();
    deserved = new long[n];
    allocated = new long[n];
    fair = new long[n];
    distance = new double[n];
    starvedSince = new long[n];
    Arrays.fill(starvedSince, -1);
    for (int i = 0; i < n; i++) {
      leafIndex.put(leaves.get(i), i);
      deserved[i] = workload.queues().queue(leaves.get(i)).orElseThrow().quota(Dimension.GPU).deserved();
      reclaims.add(new ArrayList<>());
      delays.add(new ArrayList<>());
    }
    startedOnce = new boolean[workload.pods().size()];
    windowEnd = workload.pods().stream().mapToLong(ReplayPod::arrival).max().orElse(0);
  }

  /** Time passes to {@code now} with the state of the last observation. */
  public void advanceTo(long now) {
    if (last >= 0) {
      if (now < last) throw new IllegalStateException("time went back from " + last + " to " + now);
      long dt = Math.max(0, Math.min(now, windowEnd) - last);
      long total = 0;
      for (int i = 0; i < leaves.size(); i++) {
        total += allocated[i];
        distance[i] += (double) Math.abs(allocated[i] - fair[i]) * dt;
      }
      allocatedIntegral += (double) total * dt;
    } else {
      first = now;
    }
    last = now;
  }

  public void started(ReplayPod pod, long now) {
    if (startedOnce[pod.id()]) return;
    startedOnce[pod.id()] = true;
    delays.get(leafIndex.get(pod.queue())).add(now - pod.arrival());
  }

  public void evicted() {
    preemptions++;
  }

  public void moved() {
    moves++;
  }

  /** The state after the cycle at {@code now}. */
  public void observe(long now, Collection<ReplayPod> pending, Collection<ReplayScheduler.Running> running) {
    int n = leaves.size();
    Arrays.fill(allocated, 0);
    var waiting = new long[n];
    var smallestWaiting = new long[n];
    Arrays.fill(smallestWaiting, Long.MAX_VALUE);
    for (var r : running) allocated[leafIndex.get(r.pod().queue())] += r.pod().gpuMilli();
    for (var pod : pending) {
      int q = leafIndex.get(pod.queue());
      waiting[q] += pod.gpuMilli();
      if (pod.gpuMilli() > 0) smallestWaiting[q] = Math.min(smallestWaiting[q], pod.gpuMilli());
    }
    var demand = new HashMap<String, Map<Dimension, Long>>();
    long total = 0;
    for (int i = 0; i < n; i++) {
      demand.put(leaves.get(i), Map.of(Dimension.GPU, allocated[i] + waiting[i]));
      total += allocated[i];
    }
    var shares = FairShare.compute(new FairShareInput(workload.queues(), Map.of(Dimension.GPU, capacity), demand, Map.of(), 0));
    for (int i = 0; i < n; i++) {
      fair[i] = shares.of(leaves.get(i), Dimension.GPU);
      boolean starved = smallestWaiting[i] != Long.MAX_VALUE && allocated[i] + smallestWaiting[i] <= deserved[i];
      if (starved && starvedSince[i] < 0) starvedSince[i] = now;
      if (!starved && starvedSince[i] >= 0) {
        reclaims.get(i).add(now - starvedSince[i]);
        starvedSince[i] = -1;
      }
    }
    times.add(now);
    utilization.add(capacity == 0 ? 0 : 100.0 * total / capacity);
  }

  public ReplayResult result(String scheduler, int cycles, int unserved) {
    for (int i = 0; i < leaves.size(); i++) {
      if (starvedSince[i] >= 0) reclaims.get(i).add(last - starvedSince[i]);
      starvedSince[i] = -1;
    }
    double span = Math.max(1, windowEnd - first);
    var stats = new ArrayList<QueueStats>();
    var podsPerQueue = new HashMap<String, Integer>();
    workload.pods().forEach(p -> podsPerQueue.merge(p.queue(), 1, Integer::sum));
    var allDelays = new ArrayList<Long>();
    var allReclaims = new ArrayList<Long>();
    double allDistance = 0;
    for (int i = 0; i < leaves.size(); i++) {
      double dist = capacity == 0 ? 0 : 100 * distance[i] / (capacity * span);
      stats.add(stats(leaves.get(i), 100.0 * deserved[i] / Math.max(1, capacity), podsPerQueue.getOrDefault(leaves.get(i), 0),
          delays.get(i), dist, reclaims.get(i)));
      allDelays.addAll(delays.get(i));
      allReclaims.addAll(reclaims.get(i));
      allDistance += dist;
    }
    stats.add(stats(ALL, 100.0 * Arrays.stream(deserved).sum() / Math.max(1, capacity), workload.pods().size(),
        allDelays, allDistance, allReclaims));
    double utilizationPct = capacity == 0 ? 0 : 100 * allocatedIntegral / (capacity * span);
    return new ReplayResult(scheduler, cycles, preemptions, moves, unserved, utilizationPct, first, windowEnd, stats,
        times.stream().mapToLong(Long::longValue).toArray(), utilization.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static QueueStats stats(String queue, double deservedPct, int pods, List<Long> delays, double distancePct,
                                  List<Long> reclaims) {
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] r = reclaims.stream().mapToLong(Long::longValue).sorted().toArray();
    return new QueueStats(queue, deservedPct, pods, d.length, mean(d), nearestRank(d, 50), nearestRank(d, 99),
        distancePct, r.length, mean(r), r.length == 0 ? 0 : r[r.length - 1]);
  }

  /** The mean of the values; 0 for none. */
  public static double mean(long[] sorted) {
    if (sorted.length == 0) return 0;
    double sum = 0;
    for (long v : sorted) sum += v;
    return sum / sorted.length;
  }

  /** The smallest value with at least {@code pct} % of the values at or below it; 0 for none. */
  public static double nearestRank(long[] sorted, int pct) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
