package dev.sluice.core.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The reclaim action: a queue within its fair share whose workload lacks room takes resources back from
 * queues above their fair share (and above their deserved quota). Victims are preemptible or over-quota
 * workloads of those queues, lowest priority and newest first, that have run their minimum runtime. A
 * reclaim never leaves a victim's queue with a smaller share than a queue that reclaimed from it.
 */
final class Reclaim {
  private Reclaim() {
  }

  static void run(Session session) {
    var reclaimersOf = new HashMap<String, Set<String>>();
    int attempts = 0;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload) || !Allocate.lacksRoom(session.reasons.get(workload.id()))) continue;
      var victims = session.running.values().stream()
          .filter(r -> !r.workload().queue().equals(workload.queue()))
          .filter(r -> r.workload().preemptible() || session.isOverQuota(r.workload().id()))
          .filter(r -> r.workload().runtimes().minRuntimeServed(r.startTime(), session.now()))
          .filter(r -> overShare(session, r.workload().queue()))
          .sorted(Session.VICTIM_ORDER)
          .toList();
      if (victims.isEmpty()) continue;
      attempts++;
      var cause = new EvictionCause(EvictionCause.Kind.RECLAIM, workload.id(), workload.queue(),
          "queue " + workload.queue() + " reclaims its fair share for workload " + workload.id());
      var tried = new HashMap<String, Set<String>>(reclaimersOf);
      var victimQueues = new HashSet<String>();
      BooleanSupplier sharesHold = () -> sharesHold(session, workload.queue(), victimQueues, tried);
      boolean placed = Evictions.makeRoom(session, workload, victims, victim -> {
        if (!overShare(session, victim.workload().queue())) return false;
        victimQueues.add(victim.workload().queue());
        return true;
      }, sharesHold, sharesHold, cause);
      if (placed) victimQueues.forEach(q -> reclaimersOf.computeIfAbsent(q, k -> new HashSet<>()).add(workload.queue()));
    }
  }

  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.aboveDeserved(queue);
  }

  /** Every queue evicted from keeps a share at least that of every queue that reclaimed from it. */
  private static boolean sharesHold(Session session, String reclaimer, Set<String> victimQueues,
                                    Map<String, Set<String>> earlier) {
    for (var victimQueue : victimQueues) {
      var reclaimers = new HashSet<>(earlier.getOrDefault(victimQueue, Set.of()));
      reclaimers.add(reclaimer);
      for (var queue : reclaimers) {
        if (session.ledger.share(victimQueue) < session.ledger.share(queue)) return false;
      }
    }
    return true;
  }
}
