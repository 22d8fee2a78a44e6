package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The fair-share reclaim action: a queue within its fair share whose workload lacks room takes resources back
 * from queues above their fair share and their deserved quota (work within deserved is {@link DeservedReclaim}'s
 * to claim). Fair share is hierarchical: a workload its own queue admits but an ancestor's quota, limit or fair
 * share holds back takes back from queues under that ancestor only (moving resources inside it leaves its total
 * unchanged). Victims are preemptible or over-quota workloads of those queues that have run their minimum
 * runtime, each only while its queue is still above its fair share and deserved quota; the set is the first
 * that works in {@link VictimSearch}'s order. A reclaim is kept only if every queue it evicted from is still above
 * its deserved quota and its fair share (else that queue could take the room back, see {@link DeservedReclaim}) and
 * is not left with a smaller share than the reclaiming queue ({@link Ledger#reclaimShare}). A workload that a cap on
 * running workloads holds back reclaims nothing, within deserved quota or not ({@link Session#heldByCap}).
 */
final class Reclaim {
  private Reclaim() {
  }

  /** Where a reclaimer's victims may be: under {@code ancestor}, or anywhere when it is empty. */
  record Scope(Optional<String> ancestor) {
    static final Scope EVERYWHERE = new Scope(Optional.empty());

    boolean holds(Session session, String queue) {
      return ancestor.isEmpty() || session.ledger.isUnder(queue, ancestor.get());
    }
  }

  /** Tries the waiting workloads in the order allocate tried them, until {@link Session#reclaims} is spent. */
  static void run(Session session) {
    var candidates = new ReclaimCandidates(session);
    for (var workload : session.attemptOrder) {
      if (session.reclaims.spent()) break;
      if (!session.isWaiting(workload) || session.heldByCap(workload)) continue;
      var reason = session.reasons.get(workload.id());
      boolean claimsDeserved = DeservedReclaim.claims(session, workload, reason);
      var scope = scope(workload, reason);
      if (!claimsDeserved && scope.isEmpty()) continue;
      attempt(session, workload, reason, claimsDeserved ? Optional.empty() : scope, candidates);
      session.reclaims.count(session, workload);
    }
  }

  /**
   * A claim within deserved quota first, when {@code scope} is empty; else a reclaim by fair share in the scope. A
   * claim within deserved quota is judged by the guarantee alone: fair share has no say in it.
   */
  private static void attempt(Session session, Workload workload, PendingReason reason, Optional<Scope> scope,
                              ReclaimCandidates candidates) {
    VictimSearch.Outcome outcome;
    if (scope.isEmpty()) {
      outcome = DeservedReclaim.attempt(session, workload, candidates.forDeserved());
    } else {
      var within = scope.get();
      var victims = DeservedReclaim.othersThan(session, workload.queue(),
          candidates.in(within, queue -> within.holds(session, queue) && overShare(session, queue)));
      if (victims.isEmpty()) return;
      var cause = new EvictionCause(EvictionCause.Kind.RECLAIM, workload.id(), workload.queue(),
          "queue " + workload.queue() + " reclaims its fair share for workload " + workload.id());
      outcome = VictimSearch.makeRoom(session, workload, victims, Admission.FAIR_SHARE, rules(session, workload, victims), cause);
    }
    if (outcome instanceof VictimSearch.NotMade notMade) explain(session, workload, reason, notMade);
  }

  /** A workload that found no victims keeps its reason; one whose search failed says why. */
  private static void explain(Session session, Workload workload, PendingReason reason, VictimSearch.NotMade failure) {
    if (failure.candidates() == 0 || !session.isWaiting(workload)) return;
    session.reasons.put(workload.id(), new PendingReason.NoVictimSet(reason.blocker(), failure.setsLookedAt(), failure.why()));
  }

  /**
   * The rules of a fair-share reclaim. Every victim's queue must have held a larger share than the reclaimer's
   * before (taking from a queue no better off is not fairer) and must not hold a smaller one after: then the
   * victim's queue, whose share before was the larger, cannot reclaim the room back, whatever the sizes (a tie or
   * two queues at an infinite share, holding what they have no fair share of, is no reason to move work).
   */
  private static VictimSearch.Rules rules(Session session, Workload workload, List<Running> victims) {
    double ownBefore = session.ledger.reclaimShare(workload.queue());
    var sharesBefore = new HashMap<String, Double>();
    for (var victim : victims) sharesBefore.computeIfAbsent(victim.workload().queue(), session.ledger::reclaimShare);
    return new VictimSearch.Rules() {
      @Override
      public Optional<String> refuse(Running victim) {
        var queue = victim.workload().queue();
        if (!overShare(session, queue)) return Optional.of("take from queue " + queue + " within its fair share or deserved quota");
        if (!(ownBefore < sharesBefore.get(queue))) {
          return Optional.of("take from queue " + queue + " whose share is no larger than queue " + workload.queue() + "'s");
        }
        return session.ledger.firstWithinPromise(queue, workload.queue())
            .map(within -> "take from queue " + within + " within its deserved quota");
      }

      @Override
      public Optional<String> reject(List<Running> evicted) {
        double own = session.ledger.reclaimShare(workload.queue());
        for (var victim : evicted) {
          var queue = victim.workload().queue();
          // Left within deserved, the victim's queue could claim the room back next cycle: a reclaim in reverse.
          if (!session.ledger.beyondPromise(queue)) return Optional.of("leave queue " + queue + " within its deserved quota");
          // Left within its fair share, the victim's queue could take the room back later: a reclaim in reverse.
          if (!session.ledger.aboveFairShare(queue)) return Optional.of("leave queue " + queue + " within its fair share");
          if (session.ledger.reclaimShare(queue) < own) {
            return Optional.of("leave queue " + queue + " a smaller share than queue " + workload.queue());
          }
        }
        return Optional.empty();
      }
    };
  }

  /**
   * Where the workload may reclaim from, if anywhere: anywhere when it lacks room; under the ancestor of its
   * queue whose quota, limit or fair share holds it back (reclaiming there lowers that ancestor's total).
   */
  private static Optional<Scope> scope(Workload workload, PendingReason reason) {
    if (Allocate.lacksRoom(reason)) return Optional.of(Scope.EVERYWHERE);
    var blocking = switch (reason == null ? null : reason.blocker()) {
      case PendingReason.OverQuota r -> r.queue();
      case PendingReason.NonPreemptibleOverQuota r -> r.queue();
      case PendingReason.OverLimit r -> r.queue();
      case PendingReason.BeyondFairShare r -> r.queue();
      case null, default -> workload.queue();
    };
    return blocking.equals(workload.queue()) ? Optional.empty() : Optional.of(new Scope(Optional.of(blocking)));
  }

  /** Whether the queue holds more than its fair share, and more than its deserved quota where it is promised. */
  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.beyondPromise(queue);
  }
}
