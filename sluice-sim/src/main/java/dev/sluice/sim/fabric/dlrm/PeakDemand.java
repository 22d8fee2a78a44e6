package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.Resources;
import java.util.List;

/**
 * The fewest nodes of one build that could hold a role's instances at the trace's peak, one resource at a
 * time: for CPU, memory, GPUs, NIC bandwidth and NVMe, the most the instances alive together ask for, over
 * what one node offers pods. No placement does better, so the search for the smallest fleet starts here.
 */
final class PeakDemand {
  private PeakDemand() {
  }

  /** The bound for {@code requests} (by instance index) alive as {@code events} say, on nodes like {@code node}. */
  static int lowerBound(List<PodRequest> requests, List<ReplayEvent> events, Node node) {
    var alive = new long[5];
    var peak = new long[5];
    for (var event : events) {
      var asked = amounts(requests.get(event.instance()).resources());
      int sign = event.creates() ? 1 : -1;
      for (int d = 0; d < alive.length; d++) {
        alive[d] += sign * asked[d];
        peak[d] = Math.max(peak[d], alive[d]);
      }
    }
    var offered = amounts(node.capacity());
    long bound = 0;
    for (int d = 0; d < peak.length; d++) {
      if (peak[d] == 0) continue;
      if (offered[d] == 0) return Integer.MAX_VALUE;
      bound = Math.max(bound, Math.ceilDiv(peak[d], offered[d]));
    }
    return (int) Math.min(bound, Integer.MAX_VALUE);
  }

  private static long[] amounts(Resources r) {
    return new long[] {r.cpuMilli(), r.memoryMib(), r.gpuMilli(), r.nicMbps(), r.nvmeGib()};
  }
}
