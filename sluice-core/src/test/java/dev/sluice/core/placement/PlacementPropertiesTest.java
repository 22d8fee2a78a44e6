package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.constraints.LongRange;

/** Invariants of placement under every policy, on random small clusters and pod sequences. */
class PlacementPropertiesTest {
  private static final TargetWorkload WORKLOAD = new TargetWorkload(List.of(
      new TargetWorkload.PodKind(2_000, 1, 300, Set.of(), 0.4), new TargetWorkload.PodKind(6_000, 1, 1000, Set.of(), 0.4),
      new TargetWorkload.PodKind(1_000, 0, 0, Set.of(), 0.2)));

  @Provide
  Arbitrary<String> policies() {
    return Arbitraries.of(PlacementPolicies.names());
  }

  @Property(tries = 150)
  void noDeviceIsEverOvercommittedAndWholeGpusAreDistinctAndFree(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                                 @ForAll("policies") String policy) {
    var random = new SplittableRandom(seed);
    var nodes = RandomClusters.nodes(random, 1 + random.nextInt(12));
    var cluster = new ClusterState(nodes, RandomClusters.permutation(random, nodes.size()));
    var placer = new Placer(PlacementPolicies.named(policy, WORKLOAD, new SplittableRandom(seed)), cluster);
    for (var pod : RandomClusters.pods(random, 80)) {
      if (!(placer.decide(pod) instanceof Decision.Placed placed)) continue;
      var before = cluster.state(placed.nodeIndex());
      assertThat(placed.gpus()).hasSize(pod.gpuCount()).doesNotHaveDuplicates();
      for (int gpu : placed.gpus()) {
        assertThat(before.freeGpuMilli(gpu)).isGreaterThanOrEqualTo(pod.gpuMilliPerGpu());
        if (pod.gpuMilliPerGpu() == 1000) assertThat(before.freeGpuMilli(gpu)).isEqualTo(1000);
      }
      cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
      var after = cluster.state(placed.nodeIndex());
      assertThat(after.freeCpuMilli()).isNotNegative();
      assertThat(after.freeMemoryMib()).isNotNegative();
      for (int gpu = 0; gpu < after.gpuCount(); gpu++) assertThat(after.freeGpuMilli(gpu)).isBetween(0, 1000);
    }
    long allocated = 0;
    for (int node = 0; node < cluster.nodeCount(); node++) {
      var state = cluster.state(node);
      allocated += 1000L * state.gpuCount() - state.freeGpuMilliTotal();
    }
    assertThat(cluster.allocatedGpuMilli()).isEqualTo(allocated);
  }

  @Property(tries = 150)
  void aPodIsUnschedulableOnlyWhenNoNodeFits(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                             @ForAll("policies") String policy) {
    var random = new SplittableRandom(seed);
    var nodes = RandomClusters.nodes(random, 1 + random.nextInt(12));
    var cluster = new ClusterState(nodes);
    var placer = new Placer(PlacementPolicies.named(policy, WORKLOAD, new SplittableRandom(seed)), cluster);
    for (var pod : RandomClusters.pods(random, 80)) {
      var decision = placer.decide(pod);
      boolean anyFits = false;
      for (int node = 0; node < cluster.nodeCount(); node++) anyFits |= cluster.state(node).fit(pod.shape()) == Fit.FITS;
      assertThat(decision instanceof Decision.Placed).as(pod.toString()).isEqualTo(anyFits);
      if (decision instanceof Decision.Placed placed) cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
    }
  }

  @Property(tries = 60)
  void theSameInputsGiveTheSameDecisions(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                         @ForAll("policies") String policy) {
    assertThat(decisions(seed, policy)).isEqualTo(decisions(seed, policy));
  }

  private static List<String> decisions(long seed, String policy) {
    var random = new SplittableRandom(seed);
    List<Node> nodes = RandomClusters.nodes(random, 1 + random.nextInt(12));
    List<PodRequest> pods = RandomClusters.pods(random, 60);
    var cluster = new ClusterState(nodes, RandomClusters.permutation(random, nodes.size()));
    var placer = new Placer(PlacementPolicies.named(policy, WORKLOAD, new SplittableRandom(seed)), cluster);
    var out = new ArrayList<String>();
    for (var pod : pods) {
      var decision = placer.decide(pod);
      if (decision instanceof Decision.Placed placed) {
        cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
        out.add(placed.nodeName() + Arrays.toString(placed.gpuArray()));
      } else {
        out.add("-");
      }
    }
    return out;
  }
}
