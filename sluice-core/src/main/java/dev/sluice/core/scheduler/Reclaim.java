package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fair-share reclaim action: a queue within its fair share whose workload lacks room takes resources back
 * from queues above their fair share and their deserved quota (work within deserved is {@link DeservedReclaim}'s
 * to claim). Fair share is hierarchical: a workload its own queue admits but an ancestor's quota, limit or fair
 * share holds back takes back from queues under that ancestor only (moving resources inside it leaves its total
 * unchanged). Victims are preemptible or over-quota workloads of those queues that have run their minimum
 * runtime, each only while its queue is still above its fair share and deserved quota; the set is the first
 * that works in {@link VictimSearch}'s order. A reclaim is kept only if every queue it evicted from is still above
 * its deserved quota and its fair share (else that queue could take the room back, see {@link DeservedReclaim}) and
 * is not left with a smaller share than the reclaiming queue ({@link Ledger#reclaimShare}).
 */
final class Reclaim {
  private Reclaim() {
  }

  /** Where a reclaimer's victims may be: under {@code ancestor}, or anywhere when it is empty. */
  private record Scope(Optional<String> ancestor) {
    static final Scope EVERYWHERE = new Scope(Optional.empty());

    boolean holds(Session session, String queue) {
      return ancestor.isEmpty() || session.ledger.isUnder(queue, ancestor.get());
    }
  }

  /**
   * Candidates are worked out once per pass, not after each reclaim (that cost a scan of every running workload
   * each time): reclaims only take candidates away, and whether one may still go is asked again as it goes.
   */
  static void run(Session session) {
    int attempts = 0;
    var candidatesByScope = new HashMap<Scope, List<Running>>();
    List<Running> deservedCandidates = null;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload)) continue;
      var reason = session.reasons.get(workload.id());
      boolean claimsDeserved = DeservedReclaim.claims(session, workload, reason);
      var scope = scope(workload, reason);
      if (!claimsDeserved && scope.isEmpty()) continue;
      attempts++;
      var failures = new ArrayList<VictimSearch.NotMade>();
      if (claimsDeserved) {
        if (deservedCandidates == null) deservedCandidates = DeservedReclaim.candidates(session);
        if (DeservedReclaim.attempt(session, workload, deservedCandidates) instanceof VictimSearch.NotMade notMade) {
          failures.add(notMade);
        } else {
          continue;
        }
      }
      // A claim within deserved quota is judged by the guarantee alone: fair share has no say in it.
      if (scope.isPresent() && !claimsDeserved) {
        var victims = DeservedReclaim.othersThan(session, workload.queue(),
            candidatesByScope.computeIfAbsent(scope.get(), s -> candidates(session, s)));
        if (victims.isEmpty()) continue;
        var cause = new EvictionCause(EvictionCause.Kind.RECLAIM, workload.id(), workload.queue(),
            "queue " + workload.queue() + " reclaims its fair share for workload " + workload.id());
        if (VictimSearch.makeRoom(session, workload, victims, Admission.FAIR_SHARE, rules(session, workload, victims), cause)
            instanceof VictimSearch.NotMade notMade) {
          failures.add(notMade);
        }
      }
      explain(session, workload, reason, failures);
    }
  }

  /** A workload that found no victims keeps its reason; one whose searches all failed says why. */
  private static void explain(Session session, Workload workload, PendingReason reason, List<VictimSearch.NotMade> failures) {
    var searched = failures.stream().filter(f -> f.candidates() > 0).toList();
    if (searched.isEmpty() || !session.isWaiting(workload)) return;
    var all = VictimSearch.NotMade.merged(searched);
    session.reasons.put(workload.id(), new PendingReason.NoVictimSet(reason.blocker(), all.setsLookedAt(), all.why()));
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

  /**
   * Who may be reclaimed from now, within the scope: preemptible or over-quota work of queues over their share,
   * the cheapest first. A waiting workload tries at most {@link VictimSearch#MAX_VICTIMS} of other queues than
   * its own, so the first {@code MAX_VICTIMS} + (most candidates of one queue) are all it can need; selecting
   * those instead of sorting every candidate matters because this is worked out again after each reclaim.
   */
  private static List<Running> candidates(Session session, Scope scope) {
    return candidates(session, queue -> scope.holds(session, queue) && overShare(session, queue));
  }

  /**
   * The workloads of the queues {@code eligible} accepts that may go ({@link #addCandidates}), cheapest first: the
   * first {@code MAX_VICTIMS} + (most of one queue) are all a workload that never takes from its own queue can need.
   */
  static List<Running> candidates(Session session, Predicate<String> eligible) {
    var byQueue = new HashMap<String, List<Running>>();
    var accepted = new HashMap<String, Boolean>();
    for (var r : session.running.values()) {
      var queue = r.workload().queue();
      if (accepted.computeIfAbsent(queue, eligible::test)) byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(r);
    }
    var candidates = new ArrayList<Running>();
    int mostOfOneQueue = 0;
    for (var entry : byQueue.entrySet()) {
      int before = candidates.size();
      addCandidates(session, entry.getKey(), entry.getValue(), candidates);
      mostOfOneQueue = Math.max(mostOfOneQueue, candidates.size() - before);
    }
    return VictimSearch.cheapest(session, candidates, VictimSearch.MAX_VICTIMS + mostOfOneQueue);
  }

  /** The queue's running workloads that are preemptible or beyond its deserved quota and served their minimum. */
  static void addCandidates(Session session, String queue, List<Running> ofQueue, List<Running> to) {
    // Which are over quota needs a sort of the queue's work; not needed when all of it is preemptible anyway.
    boolean allPreemptible = ofQueue.stream().allMatch(r -> r.workload().preemptible());
    var overQuota = allPreemptible ? Set.<String>of() : session.overQuota(queue, ofQueue);
    for (var r : ofQueue) {
      if ((r.workload().preemptible() || overQuota.contains(r.workload().id()))
          && r.workload().runtimes().minRuntimeServed(r.startTime(), session.now())) {
        to.add(r);
      }
    }
  }

  /** Whether the queue holds more than its fair share, and more than its deserved quota where it is promised. */
  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.beyondPromise(queue);
  }
}
