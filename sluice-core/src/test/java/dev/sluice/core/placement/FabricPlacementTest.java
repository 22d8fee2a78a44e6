package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.GpuDevice;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Placement of pods that ask for NIC bandwidth, RDMA, NVMe and density caps, under every policy. */
class FabricPlacementTest {
  private static final long GBPS = 1000;
  private static final TargetWorkload WORKLOAD = new TargetWorkload(List.of(
      new TargetWorkload.PodKind(8_000, 1, 1000, Set.of(), 0.7), new TargetWorkload.PodKind(48_000, 0, 0, Set.of(), 0.3)));

  /** GPUs 2k and 2k+1 with NIC k under PCIe root k; {@code nics} NICs of 200 Gbit/s (0 for a node without). */
  private static Node heterogeneousNode(String name, int nics) {
    var gpus = new ArrayList<GpuDevice>();
    for (int i = 0; i < 8; i++) gpus.add(new GpuDevice(i, "H100", 81920).at(new Locality("pci" + i / 2, i / 4)));
    var cards = new ArrayList<NicDevice>();
    for (int k = 0; k < nics; k++) cards.add(NicDevice.rdma("mlx5_" + k, 200 * GBPS, new Locality("pci" + k, k / 2)));
    return new Node(name, 96_000, 1 << 20, gpus, Map.of()).withFabric(new NodeFabric(cards, List.of(), List.of(), Map.of()));
  }

  private static PodRequest rdmaPod(String name, int gpus, long gbps) {
    return new PodRequest(name, 8_000, 1024, gpus, gpus == 0 ? 0 : 1000, Set.of()).withFabric(FabricRequest.nic(gbps * GBPS, true));
  }

  @Test
  void anRdmaPodGoesWhereItsGpuHasANicAndTheReasonNamesWhatEachNodeLacks() {
    var nodes = List.of(Node.uniform("no-nics", 96_000, 1 << 20, 8, "H100"), heterogeneousNode("hn", 4));
    var cluster = new ClusterState(nodes);
    var placer = new Placer(PlacementPolicies.named("sluice", WORKLOAD, new SplittableRandom(1)), cluster);

    var placed = (Decision.Placed) placer.decide(rdmaPod("a", 2, 300));
    assertThat(placed.nodeName()).isEqualTo("hn");
    assertThat(placed.gpus()).as("150 Gbit/s per GPU: one GPU per NIC").containsExactly(0, 2);
    cluster.assign(placed.nodeIndex(), placed.pod().shape(), placed.gpuArray());

    // 150 Gbit/s per GPU: NICs 0 and 1 have 50 left, NICs 2 and 3 carry one share each
    var refused = (Decision.Unschedulable) placer.decide(rdmaPod("b", 3, 450));
    assertThat(refused.reason().message())
        .isEqualTo("0/2 nodes fit: 1 no RDMA NIC, 1 no free GPU with RDMA bandwidth on its PCIe root or NUMA node");
  }

  @Test
  void theDensityCapSpreadsAnAppsInstancesOverNodes() {
    var nodes = List.of(heterogeneousNode("a", 4), heterogeneousNode("b", 4));
    var cluster = new ClusterState(nodes);
    var placer = new Placer(new PackingPolicy(), cluster);
    var names = new ArrayList<String>();
    for (int i = 0; i < 4; i++) {
      var pod = new PodRequest("i" + i, 1000, 1024, 1, 1000, Set.of()).withFabric(FabricRequest.NONE.withDensityCap("app", 2));
      var placed = (Decision.Placed) placer.decide(pod);
      cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
      names.add(placed.nodeName());
    }
    assertThat(names).containsExactly("a", "a", "b", "b");
  }

  @Property(tries = 100)
  void noNicIsEverOverCommittedAndEverythingComesBack(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    var random = new SplittableRandom(seed);
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < 1 + random.nextInt(5); i++) nodes.add(heterogeneousNode("n" + i, random.nextInt(5)));
    var cluster = new ClusterState(nodes);
    var policy = random.nextBoolean() ? "sluice" : random.nextBoolean() ? "fgd" : "random";
    var placer = new Placer(PlacementPolicies.named(policy, WORKLOAD, new SplittableRandom(seed)), cluster);
    var placedPods = new ArrayList<Decision.Placed>();
    for (int i = 0; i < 60; i++) {
      int gpus = random.nextInt(4);
      var pod = rdmaPod("p" + i, gpus, random.nextInt(6) * 25L);
      if (random.nextInt(4) == 0) pod = pod.withFabric(FabricRequest.nic(random.nextInt(100) * GBPS, false));
      if (!(placer.decide(pod) instanceof Decision.Placed placed)) continue;
      cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
      var state = cluster.state(placed.nodeIndex());
      assertThat(state.fabric().nicFreeMbps()).allMatch(free -> free >= 0 && free <= 200 * GBPS);
      assertThat(state.fabric().pooledFreeMbps()).isNotNegative();
      placedPods.add(placed);
    }
    for (var placed : placedPods.reversed()) cluster.release(placed.nodeIndex(), placed.pod().shape(), placed.gpuArray());
    for (int i = 0; i < nodes.size(); i++) assertThat(cluster.state(i)).isEqualTo(NodeState.empty(NodeType.of(nodes.get(i))));
  }
}
