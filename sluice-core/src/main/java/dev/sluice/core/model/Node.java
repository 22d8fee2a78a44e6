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
 */
public record Node(String name, long cpuMilli, long memoryMib, List<GpuDevice> gpus, Map<String, String> topology) {
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
  }

  /** A node in no topology domain. */
  public Node(String name, long cpuMilli, long memoryMib, List<GpuDevice> gpus) {
    this(name, cpuMilli, memoryMib, gpus, Map.of());
  }

  /** This node in the given topology domains. */
  public Node withTopology(Map<String, String> domains) {
    return new Node(name, cpuMilli, memoryMib, gpus, domains);
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

  /** The node's capacity: CPU, memory and 1000 GPU milli per device. */
  public Resources capacity() {
    return new Resources(cpuMilli, memoryMib, (long) PodRequest.WHOLE_GPU * gpus.size());
  }

  /** The model of the node's GPUs, or the empty string for a node without GPUs. */
  public String gpuModel() {
    return gpus.isEmpty() ? "" : gpus.getFirst().model();
  }
}
