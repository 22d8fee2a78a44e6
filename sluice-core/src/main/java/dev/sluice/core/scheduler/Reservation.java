package dev.sluice.core.scheduler;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Nodes held for the highest-ranked blocked workload from the time running work is expected to free them.
 * While held they look full to the placer; a workload that will have ended by {@link #start} may use them.
 */
final class Reservation {
  final String workloadId;
  final long start;
  private final int[] nodes;
  private final NodeState[] saved;
  private boolean held;

  private Reservation(String workloadId, long start, int[] nodes) {
    this.workloadId = workloadId;
    this.start = start;
    this.nodes = nodes;
    this.saved = new NodeState[nodes.length];
  }

  /**
   * Foresees when the workload's minimum would fit: releases running work in order of expected end until it
   * does, then undoes everything. Empty when it would not fit within the known ends.
   */
  static Optional<Reservation> find(Session session, Workload workload) {
    var ends = session.running.values().stream()
        .filter(r -> r.workload().runtimes().expectedEnd(r.startTime()) < Long.MAX_VALUE)
        .sorted(Comparator.comparingLong((Session.Running r) -> r.workload().runtimes().expectedEnd(r.startTime()))
            .thenComparing(r -> r.workload().id()))
        .limit(session.config.reservationDepth())
        .toList();
    var statement = session.statement;
    int mark = statement.checkpoint();
    try {
      for (int i = 0; i < ends.size(); i++) {
        var r = ends.get(i);
        long end = r.workload().runtimes().expectedEnd(r.startTime());
        for (var slot : r.slots()) statement.release(r.workload().queue(), slot);
        boolean sameEndNext = i + 1 < ends.size()
            && ends.get(i + 1).workload().runtimes().expectedEnd(ends.get(i + 1).startTime()) == end;
        if (sameEndNext) continue;
        var nodes = fitMinimum(session, workload);
        if (nodes.isPresent()) return Optional.of(new Reservation(workload.id(), Math.max(end, session.now()), nodes.get()));
      }
      return Optional.empty();
    } finally {
      statement.rollback(mark);
    }
  }

  private static Optional<int[]> fitMinimum(Session session, Workload workload) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var used = new TreeSet<Integer>();
    for (int i = 0; i < workload.minMembers(); i++) {
      var pod = workload.pods().get(i);
      if (!(session.placer.decide(pod) instanceof Decision.Placed placed)) {
        statement.rollback(mark);
        return Optional.empty();
      }
      statement.assign(workload.queue(), new Slot(pod, placed.nodeIndex(), placed.gpuArray()));
      used.add(placed.nodeIndex());
    }
    statement.rollback(mark);
    return Optional.of(used.stream().mapToInt(Integer::intValue).toArray());
  }

  int nodeCount() {
    return nodes.length;
  }

  /** Whether the workload may use the held nodes: it is the one they are held for, or ends before {@link #start}. */
  boolean allows(Workload workload, long now) {
    return workload.id().equals(workloadId) || workload.runtimes().latestEnd(now) <= start;
  }

  /** Whether some pod of the workload would fit a held node as it is now. */
  boolean wouldFitHeldNode(Workload workload) {
    for (var state : saved) {
      if (state == null) continue;
      for (var pod : workload.pods()) if (state.fit(pod.shape()) == Fit.FITS) return true;
    }
    return false;
  }

  /** Makes the nodes look full, remembering their states. */
  void hold(ClusterState cluster) {
    if (held) return;
    for (int i = 0; i < nodes.length; i++) {
      saved[i] = cluster.state(nodes[i]);
      cluster.replace(nodes[i], saved[i].exhausted());
    }
    held = true;
  }

  /** Gives the nodes back their states. */
  void lift(ClusterState cluster) {
    if (!held) return;
    for (int i = 0; i < nodes.length; i++) cluster.replace(nodes[i], saved[i]);
    held = false;
  }

  @Override
  public String toString() {
    return "Reservation[" + workloadId + " from " + start + " on " + Arrays.toString(nodes) + "]";
  }
}
