package dev.sluice.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * GPU↔NIC affinity: an RDMA pod with GPUs takes its bandwidth in equal shares, one per GPU, each from the
 * RDMA NIC nearest that GPU ({@link FabricLayout#gpuNic}). Inside a node the pod's GPUs are chosen under
 * the NIC with the least bandwidth left that still carries a share (best fit), so that a NIC with much
 * bandwidth stays whole for the pods that need much; ties go to the lower NIC index.
 */
public final class NicAffinity {
  private NicAffinity() {
  }

  /** Whether the pod's bandwidth is taken per GPU from the NICs near its GPUs. */
  public static boolean applies(PodShape pod) {
    return pod.gpuCount() > 0 && pod.fabric().rdma() && pod.fabric().nicMbps() > 0;
  }

  /** Bandwidth each of the pod's GPUs takes from its NIC (rounded up). */
  public static long sharePerGpu(PodShape pod) {
    return Math.ceilDiv(pod.fabric().nicMbps(), pod.gpuCount());
  }

  /** Bandwidth the pod takes from the node's NICs: its GPUs' shares added up when affinity applies (rounding up). */
  public static long takenMbps(PodShape pod) {
    return applies(pod) ? sharePerGpu(pod) * pod.gpuCount() : pod.fabric().nicMbps();
  }

  /** Whether enough GPUs with room sit near NICs with room for their shares. */
  public static boolean fits(NodeState node, PodShape pod) {
    return choose(node, pod).size() == pod.gpuCount();
  }

  /**
   * The GPUs the pod takes (ascending), or fewer than it needs when it does not fit: NICs tightest first,
   * and under each NIC the GPUs {@code within} picks from those with room.
   */
  public static List<Integer> choose(NodeState node, PodShape pod) {
    var layout = node.type().fabric();
    long share = sharePerGpu(pod);
    var nics = new ArrayList<Integer>();
    for (int nic = 0; nic < layout.nicCount(); nic++) if (node.fabric().nicFreeMbps().get(nic) >= share) nics.add(nic);
    nics.sort((a, b) -> {
      int byFree = Long.compare(node.fabric().nicFreeMbps().get(a), node.fabric().nicFreeMbps().get(b));
      return byFree != 0 ? byFree : Integer.compare(a, b);
    });
    var chosen = new ArrayList<Integer>();
    for (int nic : nics) {
      long room = node.fabric().nicFreeMbps().get(nic) / share;
      for (int gpu : gpusUnder(node, pod, nic)) {
        if (room == 0 || chosen.size() == pod.gpuCount()) break;
        chosen.add(gpu);
        room--;
      }
    }
    chosen.sort(null);
    return chosen;
  }

  /** GPUs near {@code nic} with room for the pod, tightest first (lowest index on ties). */
  private static List<Integer> gpusUnder(NodeState node, PodShape pod, int nic) {
    var gpus = new ArrayList<Integer>();
    var nearest = node.type().fabric().gpuNic();
    for (int gpu = 0; gpu < node.gpuCount(); gpu++) {
      if (nearest.get(gpu) == nic && node.freeGpuMilli(gpu) >= pod.gpuMilliPerGpu()) gpus.add(gpu);
    }
    gpus.sort((a, b) -> {
      int byFree = Integer.compare(node.freeGpuMilli(a), node.freeGpuMilli(b));
      return byFree != 0 ? byFree : Integer.compare(a, b);
    });
    return gpus;
  }

  /** Whether the NICs near exactly {@code gpus} have room for the pod's shares (each GPU with a near NIC). */
  public static boolean carries(NodeState node, PodShape pod, int[] gpus) {
    var nearest = node.type().fabric().gpuNic();
    var taken = new long[node.type().fabric().nicCount()];
    long share = sharePerGpu(pod);
    for (int gpu : gpus) {
      int nic = gpu < nearest.size() ? nearest.get(gpu) : -1;
      if (nic < 0) return false;
      taken[nic] += share;
    }
    for (int nic = 0; nic < taken.length; nic++) if (taken[nic] > node.fabric().nicFreeMbps().get(nic)) return false;
    return true;
  }

  /** The GPUs chosen as an array; the caller has checked that the pod fits. */
  public static int[] chooseGpus(NodeState node, PodShape pod) {
    var chosen = choose(node, pod);
    if (chosen.size() != pod.gpuCount()) throw new IllegalStateException("no room near NICs for " + pod);
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
