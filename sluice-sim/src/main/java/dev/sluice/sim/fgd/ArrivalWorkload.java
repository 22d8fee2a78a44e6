package dev.sluice.sim.fgd;

import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The arrival sequence of one run of the FGD protocol: the trace's pods in a seeded random order, followed
 * by clones drawn uniformly with replacement until the GPU request reaches a ratio of the cluster's capacity
 * (or, for a workload already above it, with random pods dropped until it is under).
 */
public final class ArrivalWorkload {
  private ArrivalWorkload() {
  }

  /**
   * @param pods          the trace's pods
   * @param capacityMilli the cluster's GPU capacity in milli
   * @param ratio         the target GPU request as a share of capacity, e.g. 1.3
   * @param random        draws the order and the clones; advanced as a side effect
   */
  public static List<PodRequest> of(List<PodRequest> pods, long capacityMilli, double ratio, RandomGenerator random) {
    var byName = new ArrayList<>(pods);
    byName.sort(Comparator.comparing(PodRequest::name));
    var arrivals = new ArrayList<>(byName);
    shuffle(arrivals, random);
    long target = (long) (ratio * capacityMilli);
    long total = arrivals.stream().mapToLong(PodRequest::totalGpuMilli).sum();
    if (total > target) {
      dropUntilUnder(arrivals, total, target, random);
      return List.copyOf(arrivals);
    }
    boolean anyGpuPod = byName.stream().anyMatch(p -> p.totalGpuMilli() > 0);
    for (int i = 0; anyGpuPod; i++) {
      var clone = byName.get(random.nextInt(byName.size()));
      if (total + clone.totalGpuMilli() > target) break;
      total += clone.totalGpuMilli();
      arrivals.add(clone.renamed(clone.name() + "-tuned-" + i));
    }
    return List.copyOf(arrivals);
  }

  private static void dropUntilUnder(List<PodRequest> arrivals, long total, long target, RandomGenerator random) {
    while (total > target) {
      total -= arrivals.remove(random.nextInt(arrivals.size())).totalGpuMilli();
    }
  }

  /** Fisher–Yates, so that the order depends only on the generator's stream. */
  private static void shuffle(List<PodRequest> pods, RandomGenerator random) {
    for (int i = pods.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      var swap = pods.get(i);
      pods.set(i, pods.get(j));
      pods.set(j, swap);
    }
  }
}
