package dev.sluice.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FullestDomainTest {
  private static final PodRequest EIGHT_GPUS = new PodRequest("worker", 16_000, 65_536, 8, 1_000, Set.of());

  /** Nodes of 8 GPUs in the rack, the first {@code busy} of them with {@code usedGpus} GPUs taken. */
  private static void rack(String rack, int nodes, int busy, int usedGpus, List<Node> all, List<NodeState> states) {
    for (int i = 0; i < nodes; i++) {
      var node = Node.uniform(rack + "-" + i, 128_000, 1 << 20, 8, "H100").withTopology(Map.of("rack", rack));
      var state = NodeState.empty(NodeType.of(node));
      if (i < busy) {
        var used = new PodRequest("used", 1_000, 1_024, usedGpus, 1_000, Set.of());
        var gpus = new int[usedGpus];
        for (int g = 0; g < usedGpus; g++) gpus[g] = g;
        state = state.with(used.shape(), gpus);
      }
      all.add(node);
      states.add(state);
    }
  }

  @Test
  void takesTheDomainThatCanHoldFewestOfTheGangsPodsNotTheOneWithFewestFreeGpus() {
    // rX: 2 whole nodes free and 2 with 7 GPUs free (30 GPUs, 2 pods of 8); rY: 3 whole nodes (24 GPUs, 3 pods);
    // rZ: 1 whole node. Sluice's rule tries rY first (fewest free GPUs of those whose total covers 16); KAI's takes rX.
    var nodes = new ArrayList<Node>();
    var states = new ArrayList<NodeState>();
    rack("rX", 4, 2, 1, nodes, states);
    rack("rY", 3, 0, 0, nodes, states);
    rack("rZ", 1, 0, 0, nodes, states);
    var cluster = new ClusterSnapshot(nodes, states);

    assertThat(FullestDomain.podsFittingByDomain(cluster, "rack", EIGHT_GPUS)).containsExactly(
        Map.entry("rX", 2L), Map.entry("rY", 3L), Map.entry("rZ", 1L));
    assertThat(FullestDomain.choose(cluster, "rack", EIGHT_GPUS, 2)).contains("rX");
    assertThat(FullestDomain.choose(cluster, "rack", EIGHT_GPUS, 3)).contains("rY");
    assertThat(FullestDomain.choose(cluster, "rack", EIGHT_GPUS, 4)).as("no rack holds four").isEmpty();
    assertThat(FullestDomain.choose(cluster, "block", EIGHT_GPUS, 1)).as("no node is labelled with blocks").isEmpty();
  }

  @Test
  void equallyFullDomainsAreTakenByName() {
    var nodes = new ArrayList<Node>();
    var states = new ArrayList<NodeState>();
    rack("r2", 2, 0, 0, nodes, states);
    rack("r1", 2, 0, 0, nodes, states);

    assertThat(FullestDomain.choose(new ClusterSnapshot(nodes, states), "rack", EIGHT_GPUS, 2)).contains("r1");
  }
}
