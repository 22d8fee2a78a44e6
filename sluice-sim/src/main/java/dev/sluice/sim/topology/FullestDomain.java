package dev.sluice.sim.topology;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.PodRequest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * KAI-Scheduler's choice of a domain for a gang with a topology constraint, as its topology plugin makes it: count, node
 * by node, how many of the gang's pods each node can take now; a domain can hold the gang when its nodes together can
 * take all of them; of those, take the one that can take the fewest (the fullest for this gang's shape), ties by name.
 * Sluice's own rule (core {@code TopologyPlacement}) instead orders domains by free GPUs, then free CPU, keeps those
 * whose free total covers the gang, and tries at most 8 of them. Both see the same snapshot.
 */
public final class FullestDomain {
  private FullestDomain() {
  }

  /** The domain of {@code level} to keep {@code size} pods like {@code pod} to; empty when no domain can take them all. */
  public static Optional<String> choose(ClusterSnapshot cluster, String level, PodRequest pod, int size) {
    return podsFittingByDomain(cluster, level, pod).entrySet().stream()
        .filter(e -> e.getValue() >= size)
        .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
        .map(Map.Entry::getKey);
  }

  /** For each domain of {@code level}, by name, how many pods like {@code pod} its nodes can take now. */
  static Map<String, Long> podsFittingByDomain(ClusterSnapshot cluster, String level, PodRequest pod) {
    var byDomain = new TreeMap<String, Long>();
    for (int i = 0; i < cluster.nodes().size(); i++) {
      var domain = cluster.nodes().get(i).topology().get(level);
      if (domain != null) byDomain.merge(domain, (long) NodeFit.podsFitting(cluster.states().get(i), pod), Long::sum);
    }
    return byDomain;
  }
}
