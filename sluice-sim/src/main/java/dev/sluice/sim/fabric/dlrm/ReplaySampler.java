package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.placement.ClusterState;
import java.util.Arrays;

/**
 * Samples a replay's cluster every {@code everyMs} of simulated time (at 0, everyMs, 2·everyMs, …, each after
 * all events up to that time): the stranded share ({@link Stranding}), the NIC bandwidth used beyond line
 * rate and what instances hold behind such NICs ({@link NicLedger}), all judged on the nodes' true NIC use. Only the nodes {@link #touched} since
 * the last sample are looked at again.
 */
final class ReplaySampler {
  private final ClusterState cluster;
  private final NicLedger ledger;
  private final Stranding stranding;
  private final long everyMs;
  private final long totalUnits;
  private final long totalNicMbps;
  private final long[] strandedOfNode;
  private final long[] overOfNode;
  private final long[] degradedOfNode;
  private final boolean[] dirty;
  private long stranded;
  private long over;
  private long degraded;
  private int overNodes;
  private long nextMs;
  private int samples;
  private double strandedPctSum;
  private double oversubscribedPctSum;
  private double degradedPctSum;
  private int oversubscribedNodesPeak;

  ReplaySampler(ClusterState cluster, NicLedger ledger, Stranding stranding, long everyMs) {
    if (everyMs <= 0) throw new IllegalArgumentException("sampling interval must be > 0, was " + everyMs);
    this.cluster = cluster;
    this.ledger = ledger;
    this.stranding = stranding;
    this.everyMs = everyMs;
    long units = 0;
    long nic = 0;
    for (int node = 0; node < cluster.nodeCount(); node++) {
      var type = cluster.state(node).type();
      units += stranding.freeUnits(NodeState.empty(type));
      nic += type.fabric().totalNicMbps();
    }
    this.totalUnits = units;
    this.totalNicMbps = nic;
    this.strandedOfNode = new long[cluster.nodeCount()];
    this.overOfNode = new long[cluster.nodeCount()];
    this.degradedOfNode = new long[cluster.nodeCount()];
    this.dirty = new boolean[cluster.nodeCount()];
    Arrays.fill(dirty, true);
  }

  /** The state of {@code node} changed. */
  void touched(int node) {
    dirty[node] = true;
  }

  /** Takes the samples due before {@code timeMs}, i.e. before the events at that time apply. */
  void advanceTo(long timeMs) {
    while (nextMs < timeMs) {
      sample();
      nextMs += everyMs;
    }
  }

  private void sample() {
    for (int node = 0; node < dirty.length; node++) {
      if (!dirty[node]) continue;
      dirty[node] = false;
      stranded -= strandedOfNode[node];
      over -= overOfNode[node];
      degraded -= degradedOfNode[node];
      if (overOfNode[node] > 0) overNodes--;
      strandedOfNode[node] = stranding.strandedUnits(ledger.trueState(node, cluster.state(node)));
      overOfNode[node] = ledger.oversubscribedMbps(node);
      degradedOfNode[node] = ledger.degradedUnits(node, cluster.state(node), stranding.countsGpus());
      degraded += degradedOfNode[node];
      stranded += strandedOfNode[node];
      over += overOfNode[node];
      if (overOfNode[node] > 0) overNodes++;
    }
    samples++;
    strandedPctSum += totalUnits == 0 ? 0 : 100.0 * stranded / totalUnits;
    oversubscribedPctSum += totalNicMbps == 0 ? 0 : 100.0 * over / totalNicMbps;
    degradedPctSum += totalUnits == 0 ? 0 : 100.0 * degraded / totalUnits;
    oversubscribedNodesPeak = Math.max(oversubscribedNodesPeak, overNodes);
  }

  RoleOutcome outcome(int created, int pending) {
    double n = Math.max(1, samples);
    return new RoleOutcome(created, pending, samples, strandedPctSum / n, degradedPctSum / n, oversubscribedPctSum / n,
        oversubscribedNodesPeak);
  }
}
