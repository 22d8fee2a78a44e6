package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may be reclaimed from, for one pass of {@link Reclaim}: preemptible work, and work beyond its queue's deserved
 * quota, that served its minimum runtime, of the queues a claim or a scope accepts, the cheapest first. A waiting
 * workload tries at most {@link VictimSearch#MAX_VICTIMS} of other queues than its own, so the first
 * {@code MAX_VICTIMS} + (most candidates of one queue) are all it can need. Each list is worked out when first asked
 * for and kept for the pass (reclaims only take candidates away, and whether one may still go is asked again as it
 * goes); what each queue may give is worked out once for every list asked for while the session is unchanged.
 */
final class ReclaimCandidates {
  private final Session session;
  private List<Running> forDeserved;
  private final Map<Reclaim.Scope, List<Running>> byScope = new HashMap<>();
  /** The running workloads by queue, and those of each queue that may go, as of session version {@link #at}. */
  private final Map<String, List<Running>> running = new HashMap<>();
  private final Map<String, List<Running>> mayGo = new HashMap<>();
  private long at = -1;

  ReclaimCandidates(Session session) {
    this.session = session;
  }

  /** For a claim within deserved quota: the work of leaf queues above their deserved quota. */
  List<Running> forDeserved() {
    if (forDeserved == null) forDeserved = of(session.ledger::beyondPromise);
    return forDeserved;
  }

  /** For a reclaim by fair share in {@code scope}: the work of the queues {@code eligible} accepts. */
  List<Running> in(Reclaim.Scope scope, Predicate<String> eligible) {
    return byScope.computeIfAbsent(scope, s -> of(eligible));
  }

  private List<Running> of(Predicate<String> eligible) {
    if (at != session.version) {
      running.clear();
      mayGo.clear();
      for (var r : session.running.values()) running.computeIfAbsent(r.workload().queue(), q -> new ArrayList<>()).add(r);
      at = session.version;
    }
    var candidates = new ArrayList<Running>();
    int mostOfOneQueue = 0;
    for (var entry : running.entrySet()) {
      if (!eligible.test(entry.getKey())) continue;
      var ofQueue = mayGo.computeIfAbsent(entry.getKey(), queue -> mayGo(queue, entry.getValue()));
      candidates.addAll(ofQueue);
      mostOfOneQueue = Math.max(mostOfOneQueue, ofQueue.size());
    }
    return VictimSearch.cheapest(session, candidates, VictimSearch.MAX_VICTIMS + mostOfOneQueue);
  }

  /** The queue's running workloads that are preemptible or beyond its deserved quota and served their minimum. */
  private List<Running> mayGo(String queue, List<Running> ofQueue) {
    // Which are over quota needs a sort of the queue's work; not needed when all of it is preemptible anyway.
    boolean allPreemptible = ofQueue.stream().allMatch(r -> r.workload().preemptible());
    var overQuota = allPreemptible ? Set.<String>of() : session.overQuota(queue, ofQueue);
    var may = new ArrayList<Running>();
    for (var r : ofQueue) {
      if ((r.workload().preemptible() || overQuota.contains(r.workload().id()))
          && r.workload().runtimes().minRuntimeServed(r.startTime(), session.now())) {
        may.add(r);
      }
    }
    return may;
  }
}
