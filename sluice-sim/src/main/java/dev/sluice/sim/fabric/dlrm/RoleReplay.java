package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.core.placement.TieOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Replays one role's instances on a fixed set of nodes through the core's {@link Placer}: each creation is
 * placed (with what the policy's {@link NicVisibility} shows of it) or counted pending and dropped; each
 * deletion gives back what the instance held. Ties between equally scored nodes break by a tie order
 * shuffled with the seed; the scoring policy's target workload is the role's requests (FGD's 95 % coverage).
 */
final class RoleReplay {
  private final RoleTrace trace;
  private final DlrmPolicy policy;
  private final long seed;

  RoleReplay(RoleTrace trace, DlrmPolicy policy, long seed) {
    this.trace = trace;
    this.policy = policy;
    this.seed = seed;
  }

  /** The whole replay on {@code nodes}, sampled every {@code sampleEveryMs}. */
  RoleOutcome measure(List<Node> nodes, long sampleEveryMs) {
    if (trace.instances().isEmpty()) return RoleOutcome.NONE;
    var run = new Run(nodes);
    var sampler = new ReplaySampler(run.cluster, run.ledger, new Stranding(trace.role(), trace.probes()), sampleEveryMs);
    run.onChange = sampler::touched;
    int pending = 0;
    for (var event : trace.events()) {
      sampler.advanceTo(event.timeMs());
      if (!run.apply(event)) pending++;
    }
    return sampler.outcome(trace.instances().size(), pending);
  }

  /** Whether {@code nodes} take every instance when it is created. */
  boolean hostsAll(List<Node> nodes) {
    if (trace.instances().isEmpty()) return true;
    var run = new Run(nodes);
    for (var event : trace.events()) if (!run.apply(event)) return false;
    return true;
  }

  /** One replay's mutable state. */
  private final class Run {
    final ClusterState cluster;
    final NicLedger ledger;
    final Placer placer;
    final PodRequest[] seen;
    final int[] nodeOf;
    final int[][] gpusOf;
    IntConsumer onChange = node -> { };

    Run(List<Node> nodes) {
      cluster = new ClusterState(nodes, TieOrder.shuffled(nodes.size(), new SplittableRandom(seed)));
      ledger = new NicLedger(cluster);
      var workload = TargetWorkload.of(trace.requests(), TargetWorkload.DEFAULT_COVERAGE);
      placer = new Placer(PlacementPolicies.named(policy.scoring(), workload, new SplittableRandom(seed)), cluster);
      seen = trace.requests().stream().map(policy.visibility()::seen).toArray(PodRequest[]::new);
      nodeOf = new int[seen.length];
      Arrays.fill(nodeOf, -1);
      gpusOf = new int[seen.length][];
    }

    /** Applies the event; false when it is a creation no node takes. */
    boolean apply(ReplayEvent event) {
      int i = event.instance();
      var truth = trace.requests().get(i).shape();
      if (!event.creates()) {
        if (nodeOf[i] < 0) return true;
        cluster.release(nodeOf[i], seen[i].shape(), gpusOf[i]);
        ledger.change(nodeOf[i], truth, gpusOf[i], -1);
        onChange.accept(nodeOf[i]);
        nodeOf[i] = -1;
        return true;
      }
      if (!(placer.decide(seen[i]) instanceof Decision.Placed placed)) return false;
      nodeOf[i] = placed.nodeIndex();
      gpusOf[i] = placed.gpuArray();
      cluster.assign(nodeOf[i], seen[i].shape(), gpusOf[i]);
      ledger.change(nodeOf[i], truth, gpusOf[i], +1);
      onChange.accept(nodeOf[i]);
      return true;
    }
  }
}
