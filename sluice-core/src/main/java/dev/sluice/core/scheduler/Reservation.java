package dev.sluice.core.scheduler;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Nodes held for the highest-ranked blocked workload from the time running work is expected to free them.
 * While held they look full to the placer; a workload that will have ended by {@link #start} may use them.
 */
final class Reservation {
  final String workloadId;
  final long start;
  /** The holder's queue, and whether it claims deserved quota ({@link DeservedReclaim#claimsOnItsWholePath}). */
  private final String queue;
  private final boolean claimsDeserved;
  private final int[] nodes;
  private final NodeState[] saved;
  private boolean held;

  private Reservation(Workload holder, boolean claimsDeserved, long start, int[] nodes) {
    this.workloadId = holder.id();
    this.queue = holder.queue();
    this.claimsDeserved = claimsDeserved;
    this.start = start;
    this.nodes = nodes;
    this.saved = new NodeState[nodes.length];
  }

  /** At most this many pending workloads are tried, in rank order, to find the highest-ranked blocked one. */
  static final int CANDIDATES = 64;
  /** At most this many blocked workloads have their reservation searched for. */
  static final int SEARCHES = 2;

  /** Global rank for reservations: priority, then the earliest submission, then id, as inside a queue. */
  static final Comparator<Workload> RANK = Session.QUEUE_ORDER;

  /**
   * The reservation for the highest-ranked workload that cannot place now, worked out on the cycle's starting
   * state: the waiting workloads ({@link Allocate#waitingAndEvicted}) are tried in {@link #RANK} order; the first that is blocked for want of room or
   * of its queue's share (not its queue's limit or cap on running workloads), and that would fit once running work
   * ends as expected, gets it.
   */
  static Optional<Reservation> plan(Session session, Map<String, List<Workload>> waiting) {
    var ranked = new Smallest<>(CANDIDATES, RANK);
    // Each list is in queue order, which is this rank: past the first it could not keep, a list has nothing to offer.
    for (var list : waiting.values()) {
      for (var workload : list) if (!ranked.offer(workload)) break;
    }
    int searches = 0;
    for (var workload : ranked.sorted()) {
      int mark = session.statement.checkpoint();
      var attempt = GangPlacement.place(session, workload);
      session.statement.rollback(mark);
      if (!(attempt instanceof GangPlacement.Failed failed) || failed.reason() instanceof PendingReason.OverLimit
          || failed.reason() instanceof PendingReason.AtRunningCap) {
        continue;
      }
      var found = find(session, workload, DeservedReclaim.claimsOnItsWholePath(session, workload));
      if (found.isPresent() || ++searches == SEARCHES) return found;
    }
    return Optional.empty();
  }

  /**
   * Foresees when the workload's minimum would fit: releases running work in order of expected end until it
   * does, then undoes everything. Empty when it would not fit within the known ends.
   */
  private static Optional<Reservation> find(Session session, Workload workload, boolean claimsDeserved) {
    var ends = session.running.values().stream()
        .filter(r -> r.workload().runtimes().expectedEnd(r.startTime()) < Long.MAX_VALUE)
        .sorted(Comparator.comparingLong((Session.Running r) -> r.workload().runtimes().expectedEnd(r.startTime()))
            .thenComparing(r -> r.workload().id()))
        .limit(session.config.reservationDepth())
        .toList();
    var statement = session.statement;
    int mark = statement.checkpoint();
    long capacity = 0;
    for (var node : session.cluster.nodes()) capacity += (long) PodRequest.WHOLE_GPU * node.gpuCount();
    long needed = workload.resourcesOf(workload.minMembers()).gpuMilli();
    try {
      for (int i = 0; i < ends.size(); i++) {
        var r = ends.get(i);
        long end = r.workload().runtimes().expectedEnd(r.startTime());
        for (var slot : r.slots()) statement.release(r.workload().queue(), slot);
        boolean sameEndNext = i + 1 < ends.size()
            && ends.get(i + 1).workload().runtimes().expectedEnd(ends.get(i + 1).startTime()) == end;
        if (sameEndNext || capacity - session.cluster.allocatedGpuMilli() < needed) continue;
        var nodes = fitMinimum(session, workload);
        if (nodes.isPresent()) {
          return Optional.of(new Reservation(workload, claimsDeserved, Math.max(end, session.now()), nodes.get()));
        }
      }
      return Optional.empty();
    } finally {
      statement.rollback(mark);
    }
  }

  /** The nodes of the workload's first {@code minMembers} pods if it places (within its queue's share) now. */
  private static Optional<int[]> fitMinimum(Session session, Workload workload) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    if (!(GangPlacement.place(session, workload) instanceof GangPlacement.Placed placed)) return Optional.empty();
    statement.rollback(mark);
    var used = new TreeSet<Integer>();
    placed.slots().stream().limit(workload.minMembers()).forEach(slot -> used.add(slot.node()));
    return Optional.of(used.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Whether any of the slots lies on a held node. */
  boolean holdsAny(List<Statement.Slot> slots) {
    for (var slot : slots) for (int node : nodes) if (slot.node() == node) return true;
    return false;
  }

  int nodeCount() {
    return nodes.length;
  }

  /** Whether the workload may use the held nodes: it is the one they are held for, or ends before {@link #start}. */
  boolean allows(Workload workload, long now) {
    return workload.id().equals(workloadId) || workload.runtimes().latestEnd(now) <= start;
  }

  /**
   * Whether the held nodes give way to the workload if it claims deserved quota ({@link DeservedReclaim#claims}):
   * they do unless they are held for its own queue or for a workload that claims deserved quota too, its queue and
   * every ancestor staying within deserved.
   */
  boolean givesWayToDeserved(Workload workload) {
    return !claimsDeserved && !workload.queue().equals(queue);
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
