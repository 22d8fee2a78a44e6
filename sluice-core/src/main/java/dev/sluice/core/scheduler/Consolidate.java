package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
    var reservation = session.reservation;
    if (reservation != null) reservation.hold(session.cluster);
    try {
      consolidate(session);
    } finally {
      if (reservation != null) reservation.lift(session.cluster);
    }
  }

  private static void consolidate(Session session) {
    var gpuMilli = new HashMap<String, Long>();
    session.running.values().forEach(r -> gpuMilli.put(r.workload().id(), gpuMilli(r)));
    int attempts = 0;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload) || !Allocate.lacksRoom(session.reasons.get(workload.id()))) continue;
      attempts++;
      var movable = session.running.values().stream()
          .filter(r -> r.workload().preemptible())
          .filter(r -> r.workload().runtimes().minRuntimeServed(r.startTime(), session.now()))
          .filter(r -> !session.moved(r.workload().id()))
          .filter(r -> session.reservation == null || !session.reservation.holdsAny(r.slots()))
          .sorted(Comparator.comparingLong((Running r) -> gpuMilli.getOrDefault(r.workload().id(), 0L))
              .thenComparing(Session.VICTIM_ORDER))
          .limit(MAX_MOVED)
          .toList();
      if (movable.isEmpty()) continue;
      tryMoves(session, workload, movable);
    }
  }

  private static void tryMoves(Session session, Workload workload, List<Running> movable) {
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
      return;
    }
    statement.rollback(mark);
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
    return running.slots().stream().mapToLong(s -> s.pod().totalGpuMilli()).sum();
  }
}
