package dev.sluice.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-made nodes with NICs for fabric tests. */
public final class FabricNodes {
  public static final long GBPS = 1000;

  private FabricNodes() {
  }

  /**
   * An 8-GPU node with 4 RDMA NICs of 200 Gbit/s: GPUs 2k and 2k+1 share PCIe root {@code pci<k>} with NIC
   * {@code k}; roots 0 and 1 are on NUMA node 0, roots 2 and 3 on NUMA node 1.
   */
  public static Node eightGpusFourNics() {
    return eightGpusFourNics("hn");
  }

  /** As {@link #eightGpusFourNics()}, named {@code name}. */
  public static Node eightGpusFourNics(String name) {
    var gpus = new ArrayList<GpuDevice>();
    for (int i = 0; i < 8; i++) gpus.add(new GpuDevice(i, "H100", 81920).at(new Locality("pci" + i / 2, i / 4)));
    var nics = new ArrayList<NicDevice>();
    for (int k = 0; k < 4; k++) nics.add(NicDevice.rdma("mlx5_" + k, 200 * GBPS, new Locality("pci" + k, k / 2)));
    return new Node(name, 96_000, 1 << 20, gpus, Map.of()).withFabric(new NodeFabric(nics, List.of(), List.of(), Map.of()));
  }

  static NodeState empty(Node node) {
    return NodeState.empty(NodeType.of(node));
  }

  static PodShape rdmaPod(int gpus, long gbps) {
    return new PodShape(1000, 1024, gpus, gpus == 0 ? 0 : 1000, Set.of(), FabricRequest.nic(gbps * GBPS, true));
  }

  /** {@code state} after the pod takes the GPUs affinity chooses. */
  static NodeState place(NodeState state, PodShape pod) {
    return state.with(pod, NicAffinity.chooseGpus(state, pod));
  }
}
