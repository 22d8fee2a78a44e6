package dev.sluice.core.model;

/**
 * The static shape of a node: what two nodes must share to be interchangeable when both are empty.
 */
public record NodeType(String gpuModel, long cpuMilli, long memoryMib, int gpuCount) {
  public static NodeType of(Node node) {
    return new NodeType(node.gpuModel(), node.cpuMilli(), node.memoryMib(), node.gpuCount());
  }
}
