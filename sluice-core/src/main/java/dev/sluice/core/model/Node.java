package dev.sluice.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A machine of the pool with its capacity. GPUs are listed by their index.
 *
 * @param name        unique name of the node
 * @param cpuMilli    allocatable CPU in thousandths of a core
 * @param memoryMib   allocatable memory
 * @param gpus        the node's GPU devices, {@code gpus.get(i).index() == i}
 * @param topology    the node's domain at each topology level it is labelled with (e.g. {@code rack -> r12},
 *                    {@code zone -> z1}); levels and names as the cluster spells them
 * @param fabric      the node's NICs, DPUs, NVMe drives, infrastructure work and extended resources; the
 *                    infrastructure's reserve comes out of {@code cpuMilli} and {@code memoryMib} (see
 *                    {@link #allocatableCpuMilli()})
 */
public record Node(String name, long cpuMilli, long memoryMib, List<GpuDevice> gpus, Map<String, String> topology,
                   NodeFabric fabric) {
  public Node {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("node name must not be blank");
    if (cpuMilli < 0) throw new IllegalArgumentException("node " + name + ": cpuMilli must be >= 0");
    if (memoryMib < 0) throw new IllegalArgumentException("node " + name + ": memoryMib must be >= 0");
    gpus = List.copyOf(gpus);
    for (int i = 0; i < gpus.size(); i++) {
      if (gpus.get(i).index() != i) {
        throw new IllegalArgumentException("node " + name + ": GPU at position " + i + " has index " + gpus.get(i).index());
      }
    }
    topology = Map.copyOf(topology);
    Objects.requireNonNull(fabric, "fabric");
    if (fabric.reservedCpuMilli() > cpuMilli || fabric.reservedMemoryMib() > memoryMib) {
      throw new IllegalArgumentException("node " + name + ": infrastructure needs more CPU or memory than the node has");
    }
  }

  /** A node without NICs, NVMe or infrastructure work of its own. */
  public Node(String name, long cpuMilli, long memoryMib, List<GpuDevice> gpus, Map<String, String> topology) {
    this(name, cpuMilli, memoryMib, gpus, topology, NodeFabric.NONE);
  }

  /** A node in no topology domain. */
  public Node(String name, long cpuMilli, long memoryMib, List<GpuDevice> gpus) {
    this(name, cpuMilli, memoryMib, gpus, Map.of());
  }

  /** This node in the given topology domains. */
  public Node withTopology(Map<String, String> domains) {
    return new Node(name, cpuMilli, memoryMib, gpus, domains, fabric);
  }

  /** This node with {@code devices} besides its CPU, memory and GPUs. */
  public Node withFabric(NodeFabric devices) {
    return new Node(name, cpuMilli, memoryMib, gpus, topology, devices);
  }

  /** CPU pods may take: the node's, less what infrastructure work no DPU offloads needs. */
  public long allocatableCpuMilli() {
    return cpuMilli - fabric.reservedCpuMilli();
  }

  /** Memory pods may take: the node's, less what infrastructure work no DPU offloads needs. */
  public long allocatableMemoryMib() {
    return memoryMib - fabric.reservedMemoryMib();
  }

  /** A node whose {@code gpuCount} GPUs are all of one model. */
  public static Node uniform(String name, long cpuMilli, long memoryMib, int gpuCount, String gpuModel) {
    var devices = new GpuDevice[gpuCount];
    for (int i = 0; i < gpuCount; i++) devices[i] = new GpuDevice(i, gpuModel, 0);
    return new Node(name, cpuMilli, memoryMib, List.of(devices));
  }

  public int gpuCount() {
    return gpus.size();
  }

  /** What pods may take: allocatable CPU and memory, 1000 GPU milli per device, NICs, NVMe, extended. */
  public Resources capacity() {
    return new Resources(allocatableCpuMilli(), allocatableMemoryMib(), (long) PodRequest.WHOLE_GPU * gpus.size(),
        fabric.nicBandwidthMbps(), fabric.nvmeGib(), fabric.extended());
  }

  /** The model of the node's GPUs, or the empty string for a node without GPUs. */
  public String gpuModel() {
    return gpus.isEmpty() ? "" : gpus.getFirst().model();
  }
}
