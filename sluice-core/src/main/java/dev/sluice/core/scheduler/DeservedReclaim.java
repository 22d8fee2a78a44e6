package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guarantee, the first half of {@link Reclaim}: a waiting workload whose queue would stay within its
 * deserved quota takes the room it needs from queues above theirs, whatever fair share says. Its queue and
 * every ancestor must stay within deserved in every dimension they are promised ({@link Ledger#beyondPromise}),
 * once the victims are gone, so that nothing can take the room back. Victims are the preemptible or
 * beyond-deserved workloads ({@link Session#overQuota}) that have served their minimum runtime, of other leaf
 * queues that are, like every queue on their path up to
 * the nearest one they share with the claimant, above their deserved quota at the moment each victim goes: a
 * queue gives up work only while it holds more than it deserves, so its last victim may take it below deserved
 * only because that workload cannot be divided. The victim set is the first that works in {@link VictimSearch}'s
 * order. The cycle's reservation stands if it is held for the claimant's own queue or for a workload that
 * claims deserved quota too; one held for another queue's workload beyond deserved quota gives way.
 *
 * <p>No cycle: the claimant ends within its deserved quota, so neither this nor fair-share reclaim, which also
 * takes only from queues above their deserved quota, can take the work back; and fair-share reclaim leaves its
 * victims above their deserved quota and fair share, so they cannot take it back from a reclaimer either.
 */
final class DeservedReclaim {
  private DeservedReclaim() {
  }

  /**
   * Whether the waiting workload may claim its deserved quota: it waits for room, fair share, a reservation or an
   * ancestor's limit (which evicting under that ancestor may bring it back within), not its own queue's limit, and
   * {@link #claims(Session, Workload)}.
   */
  static boolean claims(Session session, Workload workload, PendingReason reason) {
    if (reason == null || reason.blocker() instanceof PendingReason.OverLimit limit && limit.queue().equals(workload.queue())) {
      return false;
    }
    return claims(session, workload);
  }

  /** Whether the workload's leaf queue, with the workload's minimum, stays within deserved where it is promised. */
  static boolean claims(Session session, Workload workload) {
    return session.ledger.withinPromise(workload.queue(), minimum(session, workload));
  }

  /**
   * Whether the workload's queue and every ancestor, with the workload's minimum, stay within deserved where they
   * are promised (and within limits), as things are: a claim that needs no one else to leave its queues' quota.
   */
  static boolean claimsOnItsWholePath(Session session, Workload workload) {
    var amount = minimum(session, workload);
    return session.ledger.admit(workload.queue(), new long[amount.length], amount, Admission.DESERVED).isEmpty();
  }

  /** What the workload's first {@code minMembers} pods ask for, as far as is known before placement. */
  private static long[] minimum(Session session, Workload workload) {
    var amount = new long[session.dimensions.size()];
    for (int i = 0; i < workload.minMembers(); i++) {
      Dimensions.addTo(amount, session.dimensions.requested(workload.pods().get(i)), 1);
    }
    return amount;
  }

  /** Tries to place the claimant by evicting some of {@code candidates} ({@link ReclaimCandidates#forDeserved}). */
  static VictimSearch.Outcome attempt(Session session, Workload workload, List<Running> candidates) {
    var cause = new EvictionCause(EvictionCause.Kind.DESERVED, workload.id(), workload.queue(),
        "queue " + workload.queue() + " reclaims its deserved quota for workload " + workload.id());
    var reservation = session.reservation;
    boolean held = reservation != null && !reservation.allows(workload, session.now()) && !reservation.givesWayToDeserved(workload);
    var inTurn = mayGoInTurn(session, workload, othersThan(session, workload.queue(), candidates));
    var stillBeyond = beyondEvenWithAllGone(session, workload, inTurn.released());
    if (stillBeyond.isPresent()) {
      return new VictimSearch.NotMade(inTurn.victims().size(), 1,
          Map.of("leave queue " + stillBeyond.get() + " beyond its deserved quota (all of them)", 1));
    }
    var victims = inTurn.victims();
    if (!held) return VictimSearch.makeRoom(session, workload, victims, Admission.DESERVED, rules(session, workload), cause);
    // Held nodes look full; what runs on them stays, so that lifting the hold restores them as they are.
    var free = victims.stream().filter(r -> !reservation.holdsAny(r.slots())).toList();
    reservation.hold(session.cluster);
    try {
      var outcome = VictimSearch.makeRoom(session, workload, free, Admission.DESERVED, rules(session, workload), cause);
      if (!(outcome instanceof VictimSearch.NotMade notMade)) return outcome;
      int onHeld = victims.size() - free.size();
      if (onHeld > 0) return notMade.and("take from nodes held for workload " + reservation.workloadId, onHeld);
      // Sets were tried off the held nodes: say that the claim may need those too, and waits for their holder.
      return notMade.candidates() > 0 ? notMade.and("place on nodes held for workload " + reservation.workloadId, 1) : notMade;
    } finally {
      if (session.reservation != null) reservation.lift(session.cluster);
    }
  }

  private static VictimSearch.Rules rules(Session session, Workload workload) {
    return new VictimSearch.Rules() {
      @Override
      public Optional<String> refuse(Running victim) {
        return session.ledger.firstWithinPromise(victim.workload().queue(), workload.queue())
            .map(queue -> "take from queue " + queue + " within its deserved quota");
      }

      @Override
      public Optional<String> reject(List<Running> evicted) {
        for (var queue : session.ledger.path(workload.queue())) {
          if (session.ledger.beyondPromise(queue)) return Optional.of("take queue " + queue + " beyond its deserved quota");
        }
        return Optional.empty();
      }
    };
  }

  /** The candidates that may go in turn, and what they would give back, by queue (leaves and ancestors). */
  private record InTurn(List<Running> victims, Map<String, long[]> released) {
  }

  /**
   * The queue on the claimant's path, if any, that would hold more than its deserved quota with the claimant's
   * minimum even were every candidate that may go gone: then no set can work.
   */
  private static Optional<String> beyondEvenWithAllGone(Session session, Workload claimant, Map<String, long[]> released) {
    var amount = minimum(session, claimant);
    for (var queue : session.ledger.path(claimant.queue())) {
      var given = released.getOrDefault(queue, new long[amount.length]).clone();
      Dimensions.addTo(given, amount, -1);
      if (session.ledger.beyondPromiseWithout(queue, given)) return Optional.of(queue);
    }
    return Optional.empty();
  }

  /**
   * Of the candidates, in order, those that may go if all before them that may go have gone: each while its queue,
   * and every queue on its path below the one it shares with the claimant, is still above its deserved quota. The
   * search is then not spent on candidates the rules would refuse (a queue just over its deserved quota gives up
   * one workload, not all of them).
   */
  private static InTurn mayGoInTurn(Session session, Workload claimant, List<Running> candidates) {
    var claimantPath = session.ledger.path(claimant.queue());
    var released = new HashMap<String, long[]>();
    var turn = new ArrayList<Running>();
    for (var r : candidates) {
      var path = session.ledger.path(r.workload().queue());
      boolean mayGo = path.stream().takeWhile(q -> !claimantPath.contains(q))
          .allMatch(q -> session.ledger.beyondPromiseWithout(q, released.get(q)));
      if (!mayGo) continue;
      turn.add(r);
      for (var slot : r.slots()) {
        var amount = session.dimensions.placed(slot.pod(), session.nodeModel(slot.node()));
        for (var q : path) Dimensions.addTo(released.computeIfAbsent(q, x -> new long[amount.length]), amount, 1);
      }
    }
    return new InTurn(turn, released);
  }

  /** The candidates of other queues than {@code queue} still running, as many as the victim search may try. */
  static List<Running> othersThan(Session session, String queue, List<Running> candidates) {
    var others = new ArrayList<Running>(Math.min(candidates.size(), VictimSearch.MAX_VICTIMS));
    for (var r : candidates) {
      if (others.size() == VictimSearch.MAX_VICTIMS) break;
      var current = session.running.get(r.workload().id());
      if (current != null && !r.workload().queue().equals(queue)) others.add(current);
    }
    return others;
  }
}
