package dev.sluice.sim.fgd;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.Fragmentation;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.Placer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the arrivals-only protocol: pods come one at a time, each is placed by the policy or dropped,
 * and the cluster's allocation and fragmentation are recorded after every pod.
 */
public final class ArrivalRun {
  private final ClusterState cluster;
  private final Placer placer;
  private final Fragmentation fragmentation;
  private final Map<NodeState, Double> fragmentByState = new HashMap<>();
  private final long capacityMilli;

  public ArrivalRun(List<Node> nodes, int[] tieOrder, PlacementPolicy policy, Fragmentation fragmentation) {
    this.cluster = new ClusterState(nodes, tieOrder);
    this.placer = new Placer(policy, cluster);
    this.fragmentation = fragmentation;
    this.capacityMilli = nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
  }

  /** Places {@code arrivals} in order; {@code placements}, if not null, receives each pod's decision. */
  public RunRecord run(List<PodRequest> arrivals, Decision[] placements) {
    int n = arrivals.size();
    var record = new RunRecord(new long[n], new long[n], new double[n], new long[n]);
    double fragment = initialFragment();
    long arrived = 0;
    for (int i = 0; i < n; i++) {
      var pod = arrivals.get(i);
      arrived += pod.totalGpuMilli();
      var decision = placer.decide(pod);
      if (decision instanceof Decision.Placed placed) {
        int node = placed.nodeIndex();
        double before = fragmentOf(cluster.state(node));
        cluster.assign(node, pod.shape(), placed.gpuArray());
        fragment += fragmentOf(cluster.state(node)) - before;
      }
      if (placements != null) placements[i] = decision;
      record.arrivedGpuMilli()[i] = arrived;
      record.allocatedGpuMilli()[i] = cluster.allocatedGpuMilli();
      record.fragmentMilli()[i] = fragment;
      record.idleGpuMilli()[i] = capacityMilli - cluster.allocatedGpuMilli();
    }
    return record;
  }

  private double initialFragment() {
    double total = 0;
    for (int node = 0; node < cluster.nodeCount(); node++) total += fragmentOf(cluster.state(node));
    return total;
  }

  private double fragmentOf(NodeState state) {
    return fragmentByState.computeIfAbsent(state, fragmentation::of);
  }
}
