package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The preempt action: inside one queue, a waiting workload evicts preemptible workloads of strictly lower priority
 * that have run their minimum runtime, the first set that works in {@link VictimSearch}'s order, if that lets it
 * place within the queue's limits and fair share: also when the queue is at its limit, since what its victims give
 * back brings it within; but not when the queue (or an ancestor) is at its cap on running workloads, which is no
 * reason to trade one running workload for another ({@link Session#heldByCap}). Evicted workloads cannot preempt
 * back: their priority is lower.
 */
final class Preempt {
  private Preempt() {
  }

  static void run(Session session) {
    var lowestPreemptible = new HashMap<String, Integer>();
    for (var r : session.running.values()) {
      if (r.workload().preemptible()) lowestPreemptible.merge(r.workload().queue(), r.workload().priority().value(), Math::min);
    }
    for (var workload : session.attemptOrder) {
      if (session.preemptions.spent()) break;
      var lowest = lowestPreemptible.get(workload.queue());
      if (lowest == null || lowest >= workload.priority().value()) continue;
      var reason = session.reasons.get(workload.id());
      if (!session.isWaiting(workload) || reason == null || session.heldByCap(workload)) continue;
      attempt(session, workload, reason);
      session.preemptions.count(session, workload);
    }
  }

  private static void attempt(Session session, Workload workload, PendingReason reason) {
    var victims = session.running.values().stream()
        .filter(r -> r.workload().queue().equals(workload.queue()))
        .filter(r -> r.workload().preemptible())
        .filter(r -> r.workload().priority().value() < workload.priority().value())
        .filter(r -> r.workload().runtimes().minRuntimeServed(r.startTime(), session.now()))
        .toList();
    victims = VictimSearch.cheapest(session, victims, VictimSearch.MAX_VICTIMS);
    if (victims.isEmpty()) return;
    var cause = new EvictionCause(EvictionCause.Kind.PREEMPT, workload.id(), workload.queue(),
        "workload " + workload.id() + " of priority " + workload.priority().name() + " preempts lower-priority work in queue "
            + workload.queue());
    var outcome = VictimSearch.makeRoom(session, workload, victims, Admission.FAIR_SHARE, withinFairShare(session, workload), cause);
    if (outcome instanceof VictimSearch.NotMade notMade) session.reasons.put(workload.id(), explained(reason, notMade));
  }

  /** Why no preemption worked, after why no reclaim did where one was tried: the one does not hide the other. */
  private static PendingReason explained(PendingReason reason, VictimSearch.NotMade notMade) {
    if (reason instanceof PendingReason.NoVictimSet reclaim) {
      return new PendingReason.NoVictimSet(reclaim.blocker(), reclaim.setsLookedAt() + notMade.setsLookedAt(),
          reclaim.why() + "; in its own queue " + notMade.why());
    }
    return new PendingReason.NoVictimSet(reason.blocker(), notMade.setsLookedAt(), notMade.why());
  }

  private static VictimSearch.Rules withinFairShare(Session session, Workload workload) {
    return new VictimSearch.Rules() {
      @Override
      public Optional<String> refuse(Running victim) {
        return Optional.empty();
      }

      @Override
      public Optional<String> reject(List<Running> evicted) {
        return session.ledger.aboveFairShare(workload.queue())
            ? Optional.of("leave queue " + workload.queue() + " above its fair share") : Optional.empty();
      }
    };
  }
}
