package dev.sluice.sim.fgd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.Fragmentation;
import dev.sluice.core.placement.PackingPolicy;
import dev.sluice.core.placement.TargetWorkload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArrivalRunTest {
  @Test
  void recordsArrivedAllocatedAndIdleAfterEveryPodAndDropsWhatDoesNotFit() {
    var nodes = List.of(Node.uniform("a", 16_000, 65_536, 2, "T4"));
    var pods = List.of(
        new PodRequest("half", 2_000, 1_024, 1, 500, Set.of()),
        new PodRequest("two", 2_000, 1_024, 2, 1000, Set.of()),
        new PodRequest("whole", 2_000, 1_024, 1, 1000, Set.of()),
        new PodRequest("cpu", 20_000, 1_024, 0, 0, Set.of()));
    var workload = TargetWorkload.of(pods, 1.0);
    var decisions = new Decision[pods.size()];

    var record = new ArrivalRun(nodes, new int[] {0}, new PackingPolicy(), new Fragmentation(workload)).run(pods, decisions);

    // "two" needs both GPUs but one is half used: dropped; "cpu" needs more CPU than the node has: dropped
    assertThat(record.arrivedGpuMilli()).containsExactly(500, 2500, 3500, 3500);
    assertThat(record.allocatedGpuMilli()).containsExactly(500, 500, 1500, 1500);
    assertThat(record.idleGpuMilli()).containsExactly(1500, 1500, 500, 500);
    assertThat(decisions).extracting(d -> d instanceof Decision.Placed).containsExactly(true, false, true, false);
    // after "whole": free [500, 0]; every kind but "half" (and CPU-only) sees the 500 as fragment
    assertThat(record.fragmentMilli()[2]).isEqualTo(new Fragmentation(workload).of(
        new dev.sluice.core.placement.ClusterState(nodes).state(0)
            .with(pods.get(0).shape(), new int[] {0}).with(pods.get(2).shape(), new int[] {1})));
  }
}
