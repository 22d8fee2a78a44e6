package dev.sluice.core.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The reclaim action: a queue within its fair share whose workload lacks room takes resources back from
 * queues above their fair share and their deserved quota. Fair share is hierarchical: a workload its own
 * queue admits but an ancestor's quota, limit or fair share holds back takes back from queues under that
 * ancestor only (moving resources inside it leaves its total unchanged). Victims are preemptible or
 * over-quota workloads of those queues, lowest priority and newest first, that have run their minimum
 * runtime. A reclaim is kept only if no queue it evicted from is left with a smaller share than the
 * reclaiming queue ({@link Ledger#reclaimShare}).
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

  static void run(Session session) {
    int attempts = 0;
    var candidatesByScope = new HashMap<Scope, List<Session.Running>>();
    long candidatesAt = -1;
    for (var workload : session.attemptOrder) {
      if (attempts == session.config.evictionAttempts()) break;
      if (!session.isWaiting(workload)) continue;
      var scope = scope(workload, session.reasons.get(workload.id()));
      if (scope.isEmpty()) continue;
      attempts++;
      if (candidatesAt != session.version) {
        candidatesByScope.clear();
        candidatesAt = session.version;
      }
      var candidates = candidatesByScope.computeIfAbsent(scope.get(), s -> candidates(session, s));
      var victims = othersThan(workload.queue(), candidates);
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

  /**
   * Where the workload may reclaim from, if anywhere: anywhere when it lacks room; under the ancestor of its
   * queue whose quota, limit or fair share holds it back (reclaiming there lowers that ancestor's total).
   */
  private static Optional<Scope> scope(Workload workload, PendingReason reason) {
    if (Allocate.lacksRoom(reason)) return Optional.of(Scope.EVERYWHERE);
    var blocking = switch (reason) {
      case PendingReason.OverQuota r -> r.queue();
      case PendingReason.OverLimit r -> r.queue();
      case PendingReason.BeyondFairShare r -> r.queue();
      case null, default -> workload.queue();
    };
    return blocking.equals(workload.queue()) ? Optional.empty() : Optional.of(new Scope(Optional.of(blocking)));
  }

  /**
   * The candidates of other queues than {@code queue}, as many as {@link Evictions#makeRoom} may try: copying
   * the rest, for each of many waiting workloads, would only cost time.
   */
  private static List<Session.Running> othersThan(String queue, List<Session.Running> candidates) {
    var others = new ArrayList<Session.Running>(Math.min(candidates.size(), Evictions.MAX_VICTIMS));
    for (var r : candidates) {
      if (others.size() == Evictions.MAX_VICTIMS) break;
      if (!r.workload().queue().equals(queue)) others.add(r);
    }
    return others;
  }

  /**
   * Who may be reclaimed from now, within the scope: preemptible or over-quota work of queues over their share,
   * the first of them in victim order. A waiting workload tries at most {@link Evictions#MAX_VICTIMS} of other queues than
   * its own, so the first {@code MAX_VICTIMS} + (most candidates of one queue) are all it can need; selecting
   * those instead of sorting every candidate matters because this is worked out again after each reclaim.
   */
  private static List<Session.Running> candidates(Session session, Scope scope) {
    var byQueue = new HashMap<String, List<Session.Running>>();
    var eligible = new HashMap<String, Boolean>();
    for (var r : session.running.values()) {
      var queue = r.workload().queue();
      if (eligible.computeIfAbsent(queue, q -> scope.holds(session, q) && overShare(session, q))) {
        byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(r);
      }
    }
    var candidates = new ArrayList<Session.Running>();
    int mostOfOneQueue = 0;
    for (var entry : byQueue.entrySet()) {
      int before = candidates.size();
      addCandidates(session, entry.getKey(), entry.getValue(), candidates);
      mostOfOneQueue = Math.max(mostOfOneQueue, candidates.size() - before);
    }
    var first = new Smallest<>(Evictions.MAX_VICTIMS + mostOfOneQueue, Session.VICTIM_ORDER);
    candidates.forEach(first::offer);
    return first.sorted();
  }

  /** The queue's running workloads that are preemptible or beyond its deserved quota and served their minimum. */
  private static void addCandidates(Session session, String queue, List<Session.Running> ofQueue, List<Session.Running> to) {
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

  private static boolean overShare(Session session, String queue) {
    return session.ledger.aboveFairShare(queue) && session.ledger.aboveDeserved(queue);
  }
}
