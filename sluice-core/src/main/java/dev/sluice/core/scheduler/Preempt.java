package dev.sluice.core.scheduler;

import java.util.HashMap;

/**
 * The preempt action: inside one queue, a waiting workload evicts preemptible workloads of strictly lower
 * priority that have run their minimum runtime, lowest priority and newest first, if that lets it place
 * within the queue's limits and fair share. Evicted workloads cannot preempt back: their priority is lower.
 */
final class Preempt {
  private Preempt() {
  }

  static void run(Session session) {
    var lowestPreemptible = new HashMap<String, Integer>();
    for (var r : session.running.values()) {
      if (r.workload().preemptible()) lowestPreemptible.merge(r.workload().queue(), r.workload().priority().value(), Math::min);
    }
    int attempts = 0;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      var lowest = lowestPreemptible.get(workload.queue());
      if (lowest == null || lowest >= workload.priority().value()) continue;
      if (!session.isWaiting(workload) || session.reasons.get(workload.id()) instanceof PendingReason.OverLimit) continue;
      attempts++;
      var victims = session.running.values().stream()
          .filter(r -> r.workload().queue().equals(workload.queue()))
          .filter(r -> r.workload().preemptible())
          .filter(r -> r.workload().priority().value() < workload.priority().value())
          .filter(r -> r.workload().runtimes().minRuntimeServed(r.startTime(), session.now()))
          .sorted(Session.VICTIM_ORDER)
          .toList();
      if (victims.isEmpty()) continue;
      var cause = new EvictionCause(EvictionCause.Kind.PREEMPT, workload.id(), workload.queue(),
          "workload " + workload.id() + " of priority " + workload.priority().name() + " preempts lower-priority work in queue "
              + workload.queue());
      Evictions.makeRoom(session, workload, victims, victim -> true,
          () -> !session.ledger.aboveFairShare(workload.queue()), () -> true, cause);
    }
  }
}
