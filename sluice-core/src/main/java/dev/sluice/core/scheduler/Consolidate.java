package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * The consolidate action: to make room for a waiting workload, move preemptible running workloads that have
 * run their minimum runtime to other nodes. A move happens only if the waiting workload then places and
 * every moved pod is placed again; otherwise nothing moves.
 */
final class Consolidate {
  /** At most this many workloads are moved to make room for one. */
  static final int MAX_MOVED = 16;

  private Consolidate() {
  }

  static void run(Session session) {
    if (!session.config.moves()) return; // the executor cannot move what runs: a move would be a restart
    var reservation = session.reservation;
    if (reservation != null) reservation.hold(session.cluster);
    try {
      consolidate(session);
    } finally {
      if (reservation != null) reservation.lift(session.cluster);
    }
  }

  private static void consolidate(Session session) {
    // Smallest first, then victim order. Work this action started counts as none (it had no GPUs as the
    // action began); moves keep a workload's pods, so the others' GPUs are what they were.
    var startedHere = new HashSet<String>();
    Comparator<Running> order = Comparator.comparingLong((Running r) -> startedHere.contains(r.workload().id()) ? 0 : gpuMilli(r))
        .thenComparing(Session.VICTIM_ORDER);
    List<Running> movable = List.of();
    long movableAt = -1;
    for (var workload : session.attemptOrder) {
      if (session.consolidations.spent()) break;
      if (!session.isWaiting(workload) || session.heldByCap(workload)) continue;
      if (!Allocate.lacksRoom(session.reasons.get(workload.id()))) continue;
      // The candidates do not depend on the waiting workload: worked out again only when the session changed.
      if (movableAt != session.version) {
        movable = movable(session, order);
        movableAt = session.version;
      }
      if (!movable.isEmpty() && tryMoves(session, workload, movable)) startedHere.add(workload.id());
      session.consolidations.count(session, workload);
    }
  }

  /** The first {@link #MAX_MOVED} running workloads that may move now, in {@code order}. */
  private static List<Running> movable(Session session, Comparator<Running> order) {
    var smallest = new Smallest<>(MAX_MOVED, order);
    for (var r : session.running.values()) {
      // a gang that must keep to one topology domain is not moved: its pods would have to move together
      if (r.workload().preemptible() && !r.workload().topology().required()
          && r.workload().runtimes().minRuntimeServed(r.startTime(), session.now())
          && !session.moved(r.workload().id())
          && (session.reservation == null || !session.reservation.holdsAny(r.slots()))) {
        smallest.offer(r);
      }
    }
    return smallest.sorted();
  }

  /** Whether the workload was placed (and the moves committed). */
  private static boolean tryMoves(Session session, Workload workload, List<Running> movable) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var lifted = new ArrayList<Running>();
    for (var candidate : movable) {
      for (var slot : candidate.slots()) statement.release(candidate.workload().queue(), slot);
      lifted.add(candidate);
      int trial = statement.checkpoint();
      if (!(GangPlacement.place(session, workload) instanceof GangPlacement.Placed placed)) continue;
      var moves = replaceAll(session, lifted, workload);
      if (moves == null) {
        statement.rollback(trial);
        continue;
      }
      session.start(workload, placed.slots());
      moves.forEach(session.moves::add);
      statement.commit();
      return true;
    }
    statement.rollback(mark);
    return false;
  }

  /** Places every lifted workload's pods again; null if one does not fit. Unchanged places are not moves. */
  private static List<SchedulingDecision.Move> replaceAll(Session session, List<Running> lifted, Workload forWhom) {
    var moves = new ArrayList<SchedulingDecision.Move>();
    for (var running : lifted) {
      var pods = running.slots().stream().map(Slot::pod).toList();
      var slots = GangPlacement.placeAll(session, running.workload(), pods);
      if (slots.isEmpty()) return null;
      var now = slots.get();
      var id = running.workload().id();
      session.changed();
      session.running.put(id, new Running(running.workload(), now, running.startTime()));
      session.statement.onRollback(() -> session.running.put(id, running));
      if (samePlaces(running.slots(), now)) continue;
      var bound = session.binds.get(id);
      if (bound != null) {
        session.binds.put(id, new SchedulingDecision.Bind(running.workload(), now.stream().map(session::binding).toList()));
        session.statement.onRollback(() -> session.binds.put(id, bound));
        continue;
      }
      var cause = new EvictionCause(EvictionCause.Kind.CONSOLIDATE, forWhom.id(), forWhom.queue(),
          "moved to other nodes to make room for workload " + forWhom.id());
      moves.add(new SchedulingDecision.Move(running.workload(), running.slots().stream().map(session::binding).toList(),
          now.stream().map(session::binding).toList(), cause));
    }
    return moves;
  }

  private static boolean samePlaces(List<Slot> before, List<Slot> after) {
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).node() != after.get(i).node() || !Arrays.equals(before.get(i).gpus(), after.get(i).gpus())) return false;
    }
    return true;
  }

  private static long gpuMilli(Running running) {
    long total = 0;
    for (var slot : running.slots()) total += slot.pod().totalGpuMilli();
    return total;
  }
}
