package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free capacity no instance of the trace can use. On an HN node the free GPUs are stranded when no request
 * shape of the trace's HN instances fits the node (for lack of CPU, memory, NVMe, NIC bandwidth near a free
 * GPU, or its app's density cap); on a CN node the free CPU is stranded when no CN request shape fits.
 * "Fits" is the core's standard constraints ({@link NodeState#fit}) on the node's true state.
 */
final class Stranding {
  private final Role role;
  private final PodShape[] probes;
  private final Map<NodeState, Boolean> strandedByState = new HashMap<>();

  Stranding(Role role, List<PodShape> probes) {
    this.role = role;
    this.probes = probes.toArray(PodShape[]::new);
  }

  /** Free GPUs (HN) or free CPU milli (CN) of a node in {@code state} that no instance could use. */
  long strandedUnits(NodeState state) {
    long free = freeUnits(state);
    if (free == 0) return 0;
    return strandedByState.computeIfAbsent(state, this::noProbeFits) ? free : 0;
  }

  /** Whether the units are GPUs (HN), else CPU milli (CN). */
  boolean countsGpus() {
    return role == Role.HN;
  }

  /** What the metric counts of a node that is all free: its GPUs (HN) or CPU milli (CN). */
  long freeUnits(NodeState state) {
    return role == Role.HN ? state.fullyFreeGpus() : state.freeCpuMilli();
  }

  private boolean noProbeFits(NodeState state) {
    for (var probe : probes) if (state.fit(probe) == Fit.FITS) return false;
    return true;
  }
}
