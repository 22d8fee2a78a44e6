package dev.sluice.server.store;

import java.util.List;
import java.util.Objects;

/** Where a running job runs: the node, the GPU indices (as the launcher counts them) and whether they are simulated. */
public record Placement(String node, List<Integer> gpuIndices, boolean simulatedGpus) {
  public Placement {
    Objects.requireNonNull(node, "node");
    gpuIndices = List.copyOf(gpuIndices);
  }
}
