package dev.sluice.core.model;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * What is free on a node right now: an immutable value, so that nodes in the same state can share
 * every computation made about that state.
 *
 * @param type            the node's static shape
 * @param freeCpuMilli    unallocated CPU
 * @param freeMemoryMib   unallocated memory
 * @param freeGpuMilli    unallocated thousandths of each GPU, by GPU index
 * @param residentClasses bit set of the {@link PodClass} bits of the pods on the node
 * @param fabric          what is free of the node's NICs, NVMe and extended resources
 */
public record NodeState(NodeType type, long freeCpuMilli, long freeMemoryMib, List<Integer> freeGpuMilli,
                        int residentClasses, FabricState fabric) {
  public NodeState {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fabric, "fabric");
    freeGpuMilli = List.copyOf(freeGpuMilli);
    if (freeGpuMilli.size() != type.gpuCount()) {
      throw new IllegalArgumentException("expected " + type.gpuCount() + " GPUs, got " + freeGpuMilli.size());
    }
  }

  /** A state of a node without fabric. */
  public NodeState(NodeType type, long freeCpuMilli, long freeMemoryMib, List<Integer> freeGpuMilli, int residentClasses) {
    this(type, freeCpuMilli, freeMemoryMib, freeGpuMilli, residentClasses, FabricState.empty(type.fabric()));
  }

  /** The state of a node with nothing on it. */
  public static NodeState empty(NodeType type) {
    var free = new Integer[type.gpuCount()];
    Arrays.fill(free, PodRequest.WHOLE_GPU);
    return new NodeState(type, type.cpuMilli(), type.memoryMib(), List.of(free), 0, FabricState.empty(type.fabric()));
  }

  public int gpuCount() {
    return type.gpuCount();
  }

  public int freeGpuMilli(int gpu) {
    return freeGpuMilli.get(gpu);
  }

  /** Unallocated thousandths of each GPU, by GPU index, as a fresh array the caller may change. */
  public int[] freeGpuMilliPerGpu() {
    var free = new int[gpuCount()];
    for (int i = 0; i < free.length; i++) free[i] = freeGpuMilli(i);
    return free;
  }

  /** Sum of unallocated GPU milli over all GPUs. */
  public int freeGpuMilliTotal() {
    int total = 0;
    for (int i = 0; i < gpuCount(); i++) total += freeGpuMilli(i);
    return total;
  }

  /** What is free, GPUs summed over devices. */
  public Resources free() {
    return new Resources(freeCpuMilli, freeMemoryMib, freeGpuMilliTotal());
  }

  /** How many GPUs have at least {@code milli} free. */
  public int gpusWithRoom(int milli) {
    int count = 0;
    for (int i = 0; i < gpuCount(); i++) if (freeGpuMilli(i) >= milli) count++;
    return count;
  }

  public int fullyFreeGpus() {
    return gpusWithRoom(PodRequest.WHOLE_GPU);
  }

  public boolean hasNoPods() {
    return residentClasses == 0;
  }

  /** Whether the pod fits here by every {@link NodeConstraints#standard() standard constraint}. */
  public Fit fit(PodShape pod) {
    return NodeConstraints.checkStandard(this, pod);
  }

  /**
   * Whether the pod fits here on exactly {@code gpus} (distinct indices), as whoever placed it recorded them: by
   * every standard constraint, each GPU with room, and for an RDMA pod each GPU's share on its NIC.
   */
  public boolean fitsOn(PodShape pod, int[] gpus) {
    if (gpus.length != pod.gpuCount() || fit(pod) != Fit.FITS) return false;
    var seen = new BitSet();
    for (int gpu : gpus) {
      if (gpu < 0 || gpu >= gpuCount() || seen.get(gpu) || freeGpuMilli(gpu) < pod.gpuMilliPerGpu()) return false;
      seen.set(gpu);
    }
    return !NicAffinity.applies(pod) || NicAffinity.carries(this, pod, gpus);
  }

  /** The state after the pod takes {@code gpus} (indices); the caller has checked that it fits. */
  public NodeState with(PodShape pod, int[] gpus) {
    if (gpus.length != pod.gpuCount()) {
      throw new IllegalArgumentException("pod needs " + pod.gpuCount() + " GPUs, got " + gpus.length);
    }
    var free = freeGpuMilli.toArray(Integer[]::new);
    for (int gpu : gpus) {
      if (free[gpu] < pod.gpuMilliPerGpu()) throw new IllegalStateException("GPU " + gpu + " over-allocated");
      free[gpu] = free[gpu] - pod.gpuMilliPerGpu();
    }
    if (pod.cpuMilli() > freeCpuMilli || pod.memoryMib() > freeMemoryMib) {
      throw new IllegalStateException("CPU or memory over-allocated");
    }
    return new NodeState(type, freeCpuMilli - pod.cpuMilli(), freeMemoryMib - pod.memoryMib(), List.of(free),
        residentClasses | pod.podClassBit(), fabric.with(pod, gpus, type.fabric()));
  }

  /**
   * The state after a pod that held {@code gpus} (indices) leaves. The resident-class bits are kept until the
   * node is empty again, since they do not say how many pods of a class remain.
   */
  public NodeState without(PodShape pod, int[] gpus) {
    if (gpus.length != pod.gpuCount()) {
      throw new IllegalArgumentException("pod held " + pod.gpuCount() + " GPUs, got " + gpus.length);
    }
    var free = freeGpuMilli.toArray(Integer[]::new);
    for (int gpu : gpus) {
      if (free[gpu] + pod.gpuMilliPerGpu() > PodRequest.WHOLE_GPU) throw new IllegalStateException("GPU " + gpu + " released twice");
      free[gpu] = free[gpu] + pod.gpuMilliPerGpu();
    }
    long cpu = freeCpuMilli + pod.cpuMilli();
    long memory = freeMemoryMib + pod.memoryMib();
    if (cpu > type.cpuMilli() || memory > type.memoryMib()) throw new IllegalStateException("CPU or memory released twice");
    var next = List.of(free);
    var fabricLeft = fabric.without(pod, gpus, type.fabric());
    boolean empty = cpu == type.cpuMilli() && memory == type.memoryMib()
        && next.stream().allMatch(f -> f == PodRequest.WHOLE_GPU) && fabricLeft.equals(FabricState.empty(type.fabric()));
    return new NodeState(type, cpu, memory, next, empty ? 0 : residentClasses, fabricLeft);
  }

  /** The same node with nothing free, e.g. held for a reservation. */
  public NodeState exhausted() {
    var none = new Integer[gpuCount()];
    Arrays.fill(none, 0);
    return new NodeState(type, 0, 0, List.of(none), residentClasses | 1, fabric.exhausted());
  }
}
