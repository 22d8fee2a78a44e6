package dev.sluice.core.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The reclaim action: a queue within its fair share whose workload lacks room takes resources back from
 * queues above their fair share and their deserved quota. Victims are preemptible or over-quota workloads
 * of those queues, lowest priority and newest first, that have run their minimum runtime. A reclaim is kept
 * only if no queue it evicted from is left with a smaller share than the reclaiming queue
 * ({@link Ledger#reclaimShare}).
 */
final class Reclaim {
  private Reclaim() {
  }

  static void run(Session session) {
    int attempts = 0;
    List<Session.Running> candidates = List.of();
    long candidatesAt = -1;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload) || !Allocate.lacksRoom(session.reasons.get(workload.id()))) continue;
      attempts++;
      if (candidatesAt != session.version) {
        candidates = candidates(session);
        candidatesAt = session.version;
      }
      var victims = candidates.stream().filter(r -> !r.workload().queue().equals(workload.queue())).toList();
      if (victims.isEmpty()) continue;
      var cause = new EvictionCause(EvictionCause.Kind.RECLAIM, workload.id(), workload.queue(),
          "queue " + workload.queue() + " reclaims its fair share for workload " + workload.id());
      var victimQueues = new HashSet<String>();
      BooleanSupplier sharesHold = () -> victimQueues.stream()
          .allMatch(queue -> session.ledger.reclaimShare(queue) >= session.ledger.reclaimShare(workload.queue()));
      Evictions.makeRoom(session, workload, victims, victim -> {
        if (!overShare(session, victim.workload().queue())) return false;
        victimQueues.add(victim.workload().queue());
        return true;
      }, sharesHold, sharesHold, cause);
    }
  }

  /** Who may be reclaimed from now: preemptible or over-quota work of queues over their share, in victim order. */
  private static List<Session.Running> candidates(Session session) {
    var byQueue = new HashMap<String, List<Session.Running>>();
    for (var r : session.running.values()) {
      if (overShare(session, r.workload().queue())) byQueue.computeIfAbsent(r.workload().queue(), q -> new ArrayList<>()).add(r);
    }
    var candidates = new ArrayList<Session.Running>();
    byQueue.forEach((queue, list) -> {
      var overQuota = session.overQuota(queue, list);
      for (var r : list) {
        if ((r.workload().preemptible() || overQuota.contains(r.workload().id()))
            && r.workload().runtimes().minRuntimeServed(r.startTime(), session.now())) {
          candidates.add(r);
        }
      }
    });
    candidates.sort(Session.VICTIM_ORDER);
    return candidates;
  }

  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.aboveDeserved(queue);
  }
}
