package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.scheduler.TopologyDomains.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainSlotsTest {
  private static final PodShape EIGHT_GPUS = new PodShape(8_000, 1024, 8, 1000, Set.of());
  private static final PodShape FOUR_GPUS = new PodShape(4_000, 1024, 4, 1000, Set.of());

  /**
   * Rack a: three empty 8-GPU nodes (24 free GPUs, three places for an 8-GPU pod). Rack b: two empty nodes and four
   * with four GPUs taken (32 free GPUs, two places). A gang of two 8-GPU pods fits both; by free GPUs rack a is the
   * fuller, by places rack b: taking b keeps a's three whole nodes for a gang of three.
   */
  @Test
  void theDomainWithTheFewestPlacesForTheGangComesFirstNotTheOneWithTheFewestFreeGpus() {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < 3; i++) nodes.add(Node.uniform("a-" + i, 64_000, 1 << 20, 8, "H100").withTopology(Map.of("rack", "a")));
    for (int i = 0; i < 6; i++) nodes.add(Node.uniform("b-" + i, 64_000, 1 << 20, 8, "H100").withTopology(Map.of("rack", "b")));
    var cluster = new ClusterState(nodes);
    for (int node = 5; node < 9; node++) cluster.assign(node, FOUR_GPUS, new int[] {0, 1, 2, 3});
    var domains = new TopologyDomains(cluster, "rack");
    var fullestFirst = domains.withRoom("", 16_000, 16_000).stream()
        .sorted(java.util.Comparator.comparingLong(Domain::freeGpuMilli)).toList();

    assertThat(fullestFirst).extracting(Domain::name).containsExactly("a", "b");
    assertThat(DomainSlots.tightestFirst(cluster, fullestFirst, EIGHT_GPUS, 2)).extracting(Domain::name).containsExactly("b", "a");
    assertThat(DomainSlots.tightestFirst(cluster, fullestFirst, EIGHT_GPUS, 3)).extracting(Domain::name).containsExactly("a");
  }

  @Test
  void placesAreCountedByCpuMemoryAndGpuRoomWhicheverIsShortest() {
    var node = Node.uniform("n", 20_000, 4096, 8, "H100");
    var cluster = new ClusterState(List.of(node));
    var state = cluster.state(0);

    assertThat(DomainSlots.slots(state, FOUR_GPUS)).as("two by GPUs, five by CPU, four by memory").isEqualTo(2);
    assertThat(DomainSlots.slots(state, new PodShape(8_000, 0, 1, 1000, Set.of()))).as("CPU is shortest").isEqualTo(2);
    assertThat(DomainSlots.slots(state, new PodShape(0, 0, 1, 300, Set.of()))).as("three 0.3-GPU pods per GPU").isEqualTo(24);
    assertThat(DomainSlots.slots(state, new PodShape(1000, 0, 1, 1000, Set.of("A100")))).as("model not allowed").isZero();
  }
}
