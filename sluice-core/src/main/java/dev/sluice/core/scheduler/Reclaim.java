package dev.sluice.core.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The reclaim action: a queue within its fair share whose workload lacks room takes resources back from
 * queues above their fair share and their deserved quota. Victims are preemptible or over-quota workloads
 * of those queues, lowest priority and newest first, that have run their minimum runtime. A reclaim is kept
 * only if no queue it evicted from is left with a smaller dominant share than the reclaiming queue.
 */
final class Reclaim {
  private Reclaim() {
  }

  static void run(Session session) {
    int attempts = 0;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload) || !Allocate.lacksRoom(session.reasons.get(workload.id()))) continue;
      attempts++;
      var overQuota = new HashMap<String, Set<String>>();
      var victims = session.running.values().stream()
          .filter(r -> !r.workload().queue().equals(workload.queue()))
          .filter(r -> overShare(session, r.workload().queue()))
          .filter(r -> r.workload().preemptible()
              || overQuota.computeIfAbsent(r.workload().queue(), session::overQuota).contains(r.workload().id()))
          .filter(r -> r.workload().runtimes().minRuntimeServed(r.startTime(), session.now()))
          .sorted(Session.VICTIM_ORDER)
          .toList();
      if (victims.isEmpty()) continue;
      var cause = new EvictionCause(EvictionCause.Kind.RECLAIM, workload.id(), workload.queue(),
          "queue " + workload.queue() + " reclaims its fair share for workload " + workload.id());
      var victimQueues = new HashSet<String>();
      BooleanSupplier sharesHold = () -> victimQueues.stream()
          .allMatch(queue -> session.ledger.share(queue) >= session.ledger.share(workload.queue()));
      Evictions.makeRoom(session, workload, victims, victim -> {
        if (!overShare(session, victim.workload().queue())) return false;
        victimQueues.add(victim.workload().queue());
        return true;
      }, sharesHold, sharesHold, cause);
    }
  }

  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.aboveDeserved(queue);
  }
}
