package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.FabricLayout;
import dev.sluice.core.model.FabricState;
import dev.sluice.core.model.NicAffinity;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import java.util.ArrayList;

/**
 * The NIC bandwidth instances really use, whatever placement saw, with no cap at line rate: an RDMA instance
 * with GPUs uses its per-GPU shares on the NIC nearest each of its GPUs (GPUDirect RDMA goes through that
 * NIC; {@link FabricLayout#gpuNic}), every other instance uses the node's NICs together (pooled). Under
 * nic-aware placement this is exactly what the core's {@link FabricState} holds; under nic-blind or nic-pooled
 * placement it may exceed what a NIC carries.
 */
final class NicLedger {
  private final long[][] nicUsed;
  private final long[] pooled;
  private final FabricLayout[] layouts;

  NicLedger(ClusterState cluster) {
    int n = cluster.nodeCount();
    nicUsed = new long[n][];
    pooled = new long[n];
    layouts = new FabricLayout[n];
    for (int node = 0; node < n; node++) {
      layouts[node] = cluster.state(node).type().fabric();
      nicUsed[node] = new long[layouts[node].nicCount()];
    }
  }

  /** The instance of {@code truth} starts on {@code node} with {@code gpus} (sign +1), or stops (sign -1). */
  void change(int node, PodShape truth, int[] gpus, int sign) {
    long mbps = truth.fabric().nicMbps();
    if (mbps == 0) return;
    if (NicAffinity.applies(truth) && !layouts[node].gpuNic().isEmpty()) {
      long share = NicAffinity.sharePerGpu(truth);
      for (int gpu : gpus) {
        int nic = layouts[node].gpuNic().get(gpu);
        if (nic >= 0) nicUsed[node][nic] += sign * share;
        else pooled[node] += sign * share;
      }
    } else {
      pooled[node] += sign * mbps;
    }
  }

  /** Bandwidth used beyond what {@code node}'s NICs carry: per NIC for GPU shares, then pooled traffic. */
  long oversubscribedMbps(int node) {
    long over = 0;
    for (int nic = 0; nic < nicUsed[node].length; nic++) over += Math.max(0, nicUsed[node][nic] - layouts[node].nicMbps().get(nic));
    return over + Math.max(0, pooled[node] - spareMbps(node));
  }

  /**
   * What instances on {@code node} hold behind NICs over their line rate: with {@code gpus}, the GPUs held
   * whose nearest NIC carries more GPU shares than its line rate (all held GPUs when pooled traffic overflows);
   * without, the CPU milli held on the node when any of its NIC bandwidth is oversubscribed.
   */
  long degradedUnits(int node, NodeState placed, boolean gpus) {
    if (oversubscribedMbps(node) == 0) return 0;
    if (!gpus) return placed.type().cpuMilli() - placed.freeCpuMilli();
    boolean pooledOver = pooled[node] > spareMbps(node);
    var nearest = layouts[node].gpuNic();
    long held = 0;
    for (int gpu = 0; gpu < placed.gpuCount(); gpu++) {
      if (placed.freeGpuMilli(gpu) == PodRequest.WHOLE_GPU) continue;
      int nic = nearest.isEmpty() ? -1 : nearest.get(gpu);
      if (pooledOver || nic >= 0 && nicUsed[node][nic] > layouts[node].nicMbps().get(nic)) held++;
    }
    return held;
  }

  private long spareMbps(int node) {
    long spare = 0;
    for (int nic = 0; nic < nicUsed[node].length; nic++) spare += Math.max(0, layouts[node].nicMbps().get(nic) - nicUsed[node][nic]);
    return spare;
  }

  /**
   * {@code placed}, the state placement holds of {@code node}, with its NICs as the ledger has them: each NIC
   * free by its line rate less its GPU shares (at least 0), pooled traffic capped at what is left.
   */
  NodeState trueState(int node, NodeState placed) {
    if (layouts[node].nicCount() == 0) return placed;
    var free = new ArrayList<Long>(nicUsed[node].length);
    long spare = 0;
    for (int nic = 0; nic < nicUsed[node].length; nic++) {
      long left = Math.max(0, layouts[node].nicMbps().get(nic) - nicUsed[node][nic]);
      free.add(left);
      spare += left;
    }
    var fabric = placed.fabric();
    var nics = new FabricState(free, Math.min(pooled[node], spare), fabric.nvmeFreeGib(), fabric.appInstances(), fabric.extendedFree());
    return new NodeState(placed.type(), placed.freeCpuMilli(), placed.freeMemoryMib(), placed.freeGpuMilli(),
        placed.residentClasses(), nics);
  }
}
