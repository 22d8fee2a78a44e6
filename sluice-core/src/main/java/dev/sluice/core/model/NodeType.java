package dev.sluice.core.model;

import java.util.Objects;

/**
 * The static shape of a node: what two nodes must share to be interchangeable when both are empty.
 * {@code cpuMilli} and {@code memoryMib} are what pods may take, after the host's infrastructure reserve.
 */
public record NodeType(String gpuModel, long cpuMilli, long memoryMib, int gpuCount, FabricLayout fabric) {
  public NodeType {
    Objects.requireNonNull(fabric, "fabric");
    if (!fabric.gpuNic().isEmpty() && fabric.gpuNic().size() != gpuCount) {
      throw new IllegalArgumentException("expected a nearest NIC for each of " + gpuCount + " GPUs");
    }
  }

  /** A node type without NICs, NVMe or extended resources. */
  public NodeType(String gpuModel, long cpuMilli, long memoryMib, int gpuCount) {
    this(gpuModel, cpuMilli, memoryMib, gpuCount, FabricLayout.NONE);
  }

  public static NodeType of(Node node) {
    return new NodeType(node.gpuModel(), node.allocatableCpuMilli(), node.allocatableMemoryMib(), node.gpuCount(),
        FabricLayout.of(node));
  }
}
