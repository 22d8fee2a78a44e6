package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.TopologyDomains.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Places a gang that has a topology constraint: within one domain of its level, trying first the domains whose nodes
 * can take its minimum and the fewest more pods like it ({@link DomainSlots}: of the fullest 32 with room in total), as
 * KAI-Scheduler's and Kueue's topology-aware scheduling bin-pack domains, so that roomier domains stay whole for
 * larger gangs. The pods go where
 * placement puts them inside the domain; the rest of the cluster looks full meanwhile. A gang that requires the level
 * waits when no domain holds it, saying so; one that only prefers it then places in the fewest domains that have
 * room for it together, or anywhere.
 */
final class TopologyPlacement {
  /**
   * At most this many domains are tried for one gang: each try regroups the domain's nodes and looks at every
   * group of node states once per pod.
   */
  static final int MAX_DOMAINS_TRIED = 8;

  private TopologyPlacement() {
  }

  static GangPlacement.Attempt place(Session session, Workload workload, Admission admission) {
    var constraint = workload.topology();
    var need = workload.resourcesOf(workload.minMembers());
    var level = session.topologyDomains(constraint.level());
    var fullestFirst = level.withRoom(constraint.domain(), need.gpuMilli(), need.cpuMilli()).stream()
        .sorted(Comparator.comparingLong(Domain::freeGpuMilli).thenComparingLong(Domain::freeCpuMilli).thenComparing(Domain::name))
        .toList();
    var withRoom = DomainSlots.order(session.cluster, fullestFirst, workload).stream().limit(MAX_DOMAINS_TRIED).toList();
    for (var domain : withRoom) {
      var attempt = within(session, List.of(domain), () -> GangPlacement.placePods(session, workload, admission));
      if (attempt instanceof GangPlacement.Placed) return attempt;
    }
    if (constraint.required()) {
      return new GangPlacement.Failed(new PendingReason.TopologyUnsatisfied(constraint.level(), constraint.domain(),
          workload.minMembers(), level.count(constraint.domain()), withRoom.size()));
    }
    var fewest = fewestHolding(level.withRoom(constraint.domain(), 0, 0), need.gpuMilli(), need.cpuMilli());
    if (!fewest.isEmpty()) {
      var attempt = within(session, fewest, () -> GangPlacement.placePods(session, workload, admission));
      if (attempt instanceof GangPlacement.Placed) return attempt;
    }
    return GangPlacement.placePods(session, workload, admission);
  }

  /**
   * The fewest domains that have, together, what the gang's minimum needs in total: the emptiest first, since no
   * smaller number of domains can have more. Empty when all of them together have not.
   */
  private static List<Domain> fewestHolding(List<Domain> domains, long gpuMilli, long cpuMilli) {
    var emptiestFirst = domains.stream()
        .sorted(Comparator.comparingLong(Domain::freeGpuMilli).thenComparingLong(Domain::freeCpuMilli).reversed()
            .thenComparing(Domain::name))
        .toList();
    var chosen = new ArrayList<Domain>();
    long gpu = 0;
    long cpu = 0;
    for (var domain : emptiestFirst) {
      chosen.add(domain);
      gpu += domain.freeGpuMilli();
      cpu += domain.freeCpuMilli();
      if (gpu >= gpuMilli && cpu >= cpuMilli) return chosen;
    }
    return List.of();
  }

  /** Runs {@code placement} while only the domains' nodes are offered ({@link dev.sluice.core.placement.ClusterState#restrictTo}). */
  private static GangPlacement.Attempt within(Session session, List<Domain> domains, Supplier<GangPlacement.Attempt> placement) {
    var cluster = session.cluster;
    cluster.restrictTo(domains.stream().flatMapToInt(d -> Arrays.stream(d.nodes())).toArray());
    try {
      return placement.get();
    } finally {
      cluster.lift();
    }
  }
}
