package dev.sluice.k8s.read;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.NicAffinity;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.TieOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What already holds each node: pods placed on GPUs they name (fractions, with {@code sluice.dev/gpu-index})
 * go first, then pods of whole GPUs take the lowest-numbered GPUs still wholly free (the device plugin, not
 * Sluice, picks the device of a whole-GPU pod, so any free one stands for it). A pod that no longer fits
 * (the node shrank) leaves the node full rather than failing the cycle.
 */
final class NodeOccupancy {
  private final ClusterState state;
  private final Map<String, Integer> index = new HashMap<>();

  NodeOccupancy(List<Node> nodes) {
    this.state = new ClusterState(ClusterSnapshot.empty(nodes), TieOrder.identity(nodes.size()));
    for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
  }

  boolean knows(String node) {
    return index.containsKey(node);
  }

  /** The node's GPU at {@code gpu}, if it has one there. */
  Optional<dev.sluice.core.model.GpuDevice> gpu(String node, int gpu) {
    var gpus = state.node(index.get(node)).gpus();
    return gpu >= 0 && gpu < gpus.size() ? Optional.of(gpus.get(gpu)) : Optional.empty();
  }

  /** Places a pod that names its GPU; the GPUs it got, or empty when it does not fit there any more. */
  Optional<List<Integer>> placeOn(String node, PodShape shape, int gpu) {
    int n = index.get(node);
    var nodeState = state.state(n);
    if (!nodeState.fitsOn(shape, new int[] {gpu})) {
      exhaust(n);
      return Optional.empty();
    }
    state.assign(n, shape, new int[] {gpu});
    return Optional.of(List.of(gpu));
  }

  /**
   * Places a pod of whole GPUs (or none) on the lowest wholly free GPUs, an RDMA pod on GPUs near NICs with room
   * for its shares ({@link NicAffinity}); it takes its NIC bandwidth, NVMe and place under its app's cap. Empty
   * when it does not fit.
   */
  Optional<List<Integer>> place(String node, PodShape shape) {
    int n = index.get(node);
    var nodeState = state.state(n);
    var anyModel = new PodShape(shape.cpuMilli(), shape.memoryMib(), shape.gpuCount(), shape.gpuMilliPerGpu(), Set.of(),
        shape.fabric());
    var gpus = NicAffinity.applies(anyModel) ? NicAffinity.choose(nodeState, anyModel) : lowestWhollyFree(nodeState, shape.gpuCount());
    var chosen = gpus.stream().mapToInt(Integer::intValue).toArray();
    if (!nodeState.fitsOn(anyModel, chosen)) {
      exhaust(n);
      return Optional.empty();
    }
    state.assign(n, anyModel, chosen);
    return Optional.of(List.copyOf(gpus));
  }

  private static List<Integer> lowestWhollyFree(NodeState nodeState, int count) {
    var gpus = new ArrayList<Integer>();
    for (int g = 0; g < nodeState.gpuCount() && gpus.size() < count; g++) {
      if (nodeState.freeGpuMilli(g) == PodRequest.WHOLE_GPU) gpus.add(g);
    }
    return gpus;
  }

  private void exhaust(int node) {
    state.replace(node, state.state(node).exhausted());
  }

  ClusterSnapshot snapshot() {
    return state.snapshot();
  }
}
