package dev.sluice.core.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The allocate action, with backfill. Queues take turns by how far below their fair share they are (the
 * smallest dominant share first, then name); inside a queue workloads go by priority, submit time, id. While
 * the cycle's {@link Reservation} stands, other workloads may use its nodes only if they will have ended
 * before it starts.
 */
final class Allocate {
  private Allocate() {
  }

  private static final class Cursor {
    final String queue;
    final List<Workload> workloads;
    int next;
    double share;

    Cursor(String queue, List<Workload> workloads, double share) {
      this.queue = queue;
      this.workloads = workloads;
      this.share = share;
    }
  }

  /** Tries every workload of {@code byQueue} (each list in queue order), recording the order if asked. */
  static void run(Session session, Map<String, List<Workload>> byQueue, boolean recordOrder) {
    var turns = new PriorityQueue<Cursor>(Comparator.comparingDouble((Cursor c) -> c.share).thenComparing(c -> c.queue));
    byQueue.forEach((queue, list) -> {
      if (!list.isEmpty()) turns.add(new Cursor(queue, list, session.ledger.share(queue)));
    });
    if (session.reservation != null) session.reservation.hold(session.cluster);
    try {
      while (!turns.isEmpty()) {
        var cursor = turns.poll();
        var workload = cursor.workloads.get(cursor.next++);
        if (recordOrder) session.attemptOrder.add(workload);
        attempt(session, workload);
        if (cursor.next < cursor.workloads.size()) {
          cursor.share = session.ledger.share(cursor.queue);
          turns.add(cursor);
        }
      }
    } finally {
      if (session.reservation != null) session.reservation.lift(session.cluster);
    }
  }

  /** The workloads waiting now (pending ones and those evicted this cycle), by queue, in queue order. */
  static Map<String, List<Workload>> waitingAndEvicted(Session session) {
    var byQueue = new HashMap<String, List<Workload>>();
    session.pendingByQueue.forEach((queue, list) -> {
      var left = new ArrayList<Workload>();
      for (var w : list) if (session.isWaiting(w)) left.add(w);
      byQueue.put(queue, left);
    });
    // The pending lists are in queue order already; only those that evicted workloads join need sorting.
    var joined = new HashSet<String>();
    for (var e : session.evicted.values()) {
      var w = e.running().workload();
      if (session.isWaiting(w)) {
        byQueue.computeIfAbsent(w.queue(), q -> new ArrayList<>()).add(w);
        joined.add(w.queue());
      }
    }
    joined.forEach(queue -> byQueue.get(queue).sort(Session.QUEUE_ORDER));
    return byQueue;
  }

  private static void attempt(Session session, Workload workload) {
    var reservation = session.reservation;
    boolean mayUseHeld = reservation == null || reservation.allows(workload, session.now())
        || reservation.givesWayToDeserved(workload) && DeservedReclaim.claims(session, workload);
    if (mayUseHeld && reservation != null) reservation.lift(session.cluster);
    var attempt = GangPlacement.place(session, workload);
    if (mayUseHeld && reservation != null) reservation.hold(session.cluster);
    switch (attempt) {
      case GangPlacement.Placed placed -> {
        session.start(workload, placed.slots());
        session.statement.commit();
      }
      case GangPlacement.Failed failed -> {
        var reason = explain(session, workload, failed.reason(), mayUseHeld);
        session.reasons.put(workload.id(), reason);
      }
    }
  }

  private static PendingReason explain(Session session, Workload workload, PendingReason reason, boolean mayUseHeld) {
    var reservation = session.reservation;
    if (reservation != null && lacksRoom(reason) && !mayUseHeld && reservation.wouldFitHeldNode(workload)) {
      return new PendingReason.BehindReservation(reservation.workloadId, reservation.start, reservation.nodeCount());
    }
    return reason;
  }

  static boolean lacksRoom(PendingReason reason) {
    var blocker = reason == null ? null : reason.blocker();
    return blocker instanceof PendingReason.NoNodeFits || blocker instanceof PendingReason.GangIncomplete
        || blocker instanceof PendingReason.BehindReservation;
  }
}
