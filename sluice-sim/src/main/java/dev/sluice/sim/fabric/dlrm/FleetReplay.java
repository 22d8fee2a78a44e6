package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.List;

/**
 * Replays a trace on a fleet under one policy: HN instances on the HN nodes, CN instances on the CN nodes
 * (two independent clusters), on the fixed fleet and, when asked, on the smallest fleet that hosts them all.
 */
final class FleetReplay {
  /** The nodes-needed search gives up beyond this many times the peak-demand bound (or the fixed size). */
  private static final int SEARCH_LIMIT_FACTOR = 16;

  private FleetReplay() {
  }

  static FleetOutcome run(List<DlrmInstance> trace, DlrmFleet fleet, DlrmPolicy policy, boolean dpu, DlrmOptions options) {
    var hn = side(trace, fleet, Role.HN, policy, dpu, options);
    var cn = side(trace, fleet, Role.CN, policy, dpu, options);
    return new FleetOutcome(fleet.gpuNodes(), fleet.cpuNodes(), hn.outcome, cn.outcome, hn.needed, cn.needed);
  }

  private record Side(RoleOutcome outcome, int needed) {}

  private static Side side(List<DlrmInstance> trace, DlrmFleet fleet, Role role, DlrmPolicy policy, boolean dpu,
                           DlrmOptions options) {
    var roleTrace = RoleTrace.of(trace, role, fleet.shape(role).nicMbps());
    var replay = new RoleReplay(roleTrace, policy, options.seed());
    var outcome = replay.measure(fleet.nodes(role, fleet.size(role), dpu), options.sampleEveryMs());
    if (!options.nodesNeeded()) return new Side(outcome, FleetOutcome.NOT_SEARCHED);
    return new Side(outcome, nodesNeeded(roleTrace, replay, fleet, policy, dpu));
  }

  private static int nodesNeeded(RoleTrace roleTrace, RoleReplay replay, DlrmFleet fleet, DlrmPolicy policy, boolean dpu) {
    var role = roleTrace.role();
    var node = fleet.shape(role).node("probe", dpu);
    if (!everyShapeFitsEmpty(roleTrace, policy, NodeState.empty(NodeType.of(node)))) return SmallestFleet.NONE;
    var seen = roleTrace.requests().stream().map(policy.visibility()::seen).toList();
    int lower = PeakDemand.lowerBound(seen, roleTrace.events(), node);
    int guess = Math.max(lower, fleet.size(role));
    return SmallestFleet.of(n -> replay.hostsAll(fleet.nodes(role, n, dpu)), lower, guess, SEARCH_LIMIT_FACTOR * Math.max(1, guess));
  }

  /** Whether an empty node takes each instance as placement sees it; else no fleet size hosts the trace. */
  private static boolean everyShapeFitsEmpty(RoleTrace roleTrace, DlrmPolicy policy, NodeState empty) {
    for (var request : roleTrace.requests()) {
      if (empty.fit(policy.visibility().seen(request).shape()) != Fit.FITS) return false;
    }
    return true;
  }
}
