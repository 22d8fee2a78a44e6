package dev.sluice.core.model;

import java.util.Objects;

/**
 * Work a node's host does for the infrastructure rather than for pods (a virtual switch, a storage
 * initiator, encryption), with the CPU and memory it takes from the host when no DPU offloads it.
 *
 * @param kind      what it is, e.g. {@code "vswitch"}; a DPU names the kinds it offloads
 * @param cpuMilli  host CPU it needs without offload
 * @param memoryMib host memory it needs without offload
 */
public record InfrastructureTask(String kind, long cpuMilli, long memoryMib) {
  public InfrastructureTask {
    Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) throw new IllegalArgumentException("infrastructure kind must not be blank");
    if (cpuMilli < 0 || memoryMib < 0) {
      throw new IllegalArgumentException("infrastructure " + kind + ": cpuMilli and memoryMib must be >= 0");
    }
  }
}
