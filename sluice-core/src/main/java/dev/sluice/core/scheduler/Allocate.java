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
    /** What this pass did not place, in queue order. */
    final List<Workload> left = new ArrayList<>();
    int next;
    double share;

    Cursor(String queue, List<Workload> workloads, double share) {
      this.queue = queue;
      this.workloads = workloads;
      this.share = share;
    }
  }

  /**
   * Tries every workload of {@code byQueue} (each list in queue order, every one waiting), recording the order if
   * asked: first, if asked, each queue within its deserved quota (a queue's turn ends at its first workload that
   * quota refuses, so that none passes another of its queue by being smaller), then everyone by fair share.
   * Without the first pass, queues that round their fair share up by part of a workload could fill the cluster
   * before others reach what they deserve, and those would claim it back by eviction.
   */
  static void run(Session session, Map<String, List<Workload>> byQueue, boolean recordOrder, boolean deservedFirst) {
    var waiting = deservedFirst ? turns(session, byQueue, Admission.DESERVED, false) : byQueue;
    turns(session, waiting, Admission.FAIR_SHARE, recordOrder);
  }

  /** One pass; returns what it did not place, by queue. */
  private static Map<String, List<Workload>> turns(Session session, Map<String, List<Workload>> byQueue, Admission admission,
                                                   boolean recordOrder) {
    var turns = new PriorityQueue<Cursor>(Comparator.comparingDouble((Cursor c) -> c.share).thenComparing(c -> c.queue));
    var cursors = new ArrayList<Cursor>();
    byQueue.forEach((queue, list) -> {
      if (!list.isEmpty()) cursors.add(new Cursor(queue, list, session.ledger.share(queue)));
    });
    turns.addAll(cursors);
    if (session.reservation != null) session.reservation.hold(session.cluster);
    try {
      while (!turns.isEmpty()) {
        var cursor = turns.poll();
        var workload = cursor.workloads.get(cursor.next++);
        Turn turn;
        if (admission == Admission.DESERVED && workload.isElastic() && !wholeWithinDeserved(session, workload)) {
          turn = Turn.ENDS; // placed now, it would stop growing at deserved quota: fair share places it whole
        } else {
          if (recordOrder) session.attemptOrder.add(workload);
          turn = attempt(session, workload, admission);
        }
        if (turn != Turn.PLACED) cursor.left.add(workload);
        if (turn == Turn.ENDS) {
          cursor.left.addAll(cursor.workloads.subList(cursor.next, cursor.workloads.size()));
        } else if (cursor.next < cursor.workloads.size()) {
          cursor.share = session.ledger.share(cursor.queue);
          turns.add(cursor);
        }
      }
    } finally {
      if (session.reservation != null) session.reservation.lift(session.cluster);
    }
    var left = new HashMap<String, List<Workload>>();
    for (var cursor : cursors) left.put(cursor.queue, cursor.left);
    return left;
  }

  private static boolean wholeWithinDeserved(Session session, Workload workload) {
    var amount = new long[session.dimensions.size()];
    for (var pod : workload.pods()) Dimensions.addTo(amount, session.dimensions.requested(pod), 1);
    return session.ledger.admit(workload.queue(), new long[amount.length], amount, Admission.DESERVED).isEmpty();
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

  /** What an attempt left of the queue's turn. */
  private enum Turn { PLACED, GOES_ON, ENDS }

  /**
   * Places the workload if it can; else records why (by fair share) or, within deserved quota, says whether its
   * queue's turn goes on: only past a workload that lacks room, not one its quota refuses.
   */
  private static Turn attempt(Session session, Workload workload, Admission admission) {
    // Before the reservation is looked at: the cap refuses the queue's every next workload as cheaply.
    var atCap = session.atCap(workload);
    if (atCap.isPresent()) {
      if (admission == Admission.DESERVED) return Turn.ENDS;
      session.reasons.put(workload.id(), atCap.get());
      return Turn.GOES_ON;
    }
    var reservation = session.reservation;
    boolean mayUseHeld = reservation == null || reservation.allows(workload, session.now())
        || reservation.givesWayToDeserved(workload) && DeservedReclaim.claims(session, workload);
    if (mayUseHeld && reservation != null) reservation.lift(session.cluster);
    var attempt = GangPlacement.place(session, workload, admission);
    if (mayUseHeld && reservation != null) reservation.hold(session.cluster);
    switch (attempt) {
      case GangPlacement.Placed placed -> {
        session.start(workload, placed.slots());
        session.statement.commit();
        return Turn.PLACED;
      }
      case GangPlacement.Failed failed -> {
        if (admission == Admission.DESERVED) return lacksRoom(failed.reason()) ? Turn.GOES_ON : Turn.ENDS;
        session.reasons.put(workload.id(), explain(session, workload, failed.reason(), mayUseHeld));
        return Turn.GOES_ON;
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
        || blocker instanceof PendingReason.BehindReservation || blocker instanceof PendingReason.TopologyUnsatisfied;
  }
}
