package dev.sluice.core.scheduler;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.scheduler.TopologyDomains.Domain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many of a gang's pods a domain's nodes can take now, node by node, as KAI-Scheduler's topology plugin counts
 * them: whole places, not a free total that may lie in pieces too small for a pod. A domain that can take the gang's
 * minimum and the fewest more holds the gang most tightly, so the domains with more room stay whole for larger gangs.
 * Counted for a gang whose pods are alike, by CPU, memory and GPU room; the fabric is left to placement (it can only
 * make places fewer).
 */
final class DomainSlots {
  /** At most this many domains (the fullest by free GPU) are counted for one gang: a count visits their nodes. */
  static final int DOMAINS_COUNTED = 32;

  private DomainSlots() {
  }

  /** A domain with the number of the gang's pods it can take now. */
  record Counted(Domain domain, long slots) {
  }

  /**
   * The order in which the gang tries {@code fullestFirst} (domains with room in total, fullest first): when the pods of
   * its minimum are alike, the counted domains that can take them, tightest first, then those beyond the counted ones
   * as they come (a counted domain with too few places cannot hold the gang: a count ignores only what makes places
   * fewer); a gang of unlike pods, for which no count speaks, tries them fullest first.
   */
  static List<Domain> order(ClusterState cluster, List<Domain> fullestFirst, Workload workload) {
    var shapes = workload.pods().subList(0, workload.minMembers()).stream().map(PodRequest::shape).distinct().toList();
    if (shapes.size() != 1) return fullestFirst;
    var order = new ArrayList<>(tightestFirst(cluster, fullestFirst, shapes.getFirst(), workload.minMembers()));
    order.addAll(fullestFirst.subList(Math.min(DOMAINS_COUNTED, fullestFirst.size()), fullestFirst.size()));
    return order;
  }

  /**
   * Of {@code fullestFirst}'s first {@link #DOMAINS_COUNTED}, those that can take {@code minMembers} pods like
   * {@code pod}, the fewest places first (then the fullest by free GPU and CPU, then by name).
   */
  static List<Domain> tightestFirst(ClusterState cluster, List<Domain> fullestFirst, PodShape pod, int minMembers) {
    return fullestFirst.stream().limit(DOMAINS_COUNTED)
        .map(domain -> new Counted(domain, slots(cluster, domain, pod)))
        .filter(counted -> counted.slots() >= minMembers)
        .sorted(Comparator.comparingLong(Counted::slots).thenComparingLong(c -> c.domain().freeGpuMilli())
            .thenComparingLong(c -> c.domain().freeCpuMilli()).thenComparing(c -> c.domain().name()))
        .map(Counted::domain)
        .toList();
  }

  private static long slots(ClusterState cluster, Domain domain, PodShape pod) {
    long slots = 0;
    for (int node : domain.nodes()) slots += slots(cluster.state(node), pod);
    return slots;
  }

  /** How many more pods like {@code pod} fit on a node in {@code state}, by CPU, memory and GPU room. */
  static long slots(NodeState state, PodShape pod) {
    if (pod.gpuCount() > 0 && !pod.allowsModel(state.type().gpuModel())) return 0;
    long fit = Long.MAX_VALUE;
    if (pod.cpuMilli() > 0) fit = Math.min(fit, state.freeCpuMilli() / pod.cpuMilli());
    if (pod.memoryMib() > 0) fit = Math.min(fit, state.freeMemoryMib() / pod.memoryMib());
    if (pod.gpuCount() > 0) fit = Math.min(fit, gpuSlots(state, pod));
    return Math.min(fit, Integer.MAX_VALUE); // a pod that asks for nothing counts as many places, summed without overflow
  }

  private static long gpuSlots(NodeState state, PodShape pod) {
    if (pod.gpuMilliPerGpu() == PodRequest.WHOLE_GPU) return state.fullyFreeGpus() / pod.gpuCount();
    long slots = 0;
    for (int gpu = 0; gpu < state.gpuCount(); gpu++) slots += state.freeGpuMilli(gpu) / pod.gpuMilliPerGpu();
    return slots;
  }
}
