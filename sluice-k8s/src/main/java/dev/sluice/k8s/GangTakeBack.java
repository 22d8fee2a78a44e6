package dev.sluice.k8s;

import dev.sluice.k8s.read.AssumedBind;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.write.BindOutcome;
import dev.sluice.k8s.write.StatusWriter;
import java.time.Instant;

/**
 * Takes back a gang whose minimum did not bind whole, so that it never runs below its minimum: the pods of it bound
 * this cycle are evicted (deleted where a PodDisruptionBudget refuses; see {@link EvictionCommit#takeBack}) and the
 * gang waits ({@link GangBackoff}); so are those the API server says are bound already (409). Every pod of the bind gets a Warning Event {@code GangBindFailed}; the pods not
 * bound and the PodGroup get the reason, code {@code bind-failed}.
 */
final class GangTakeBack {
  private final EvictionCommit evictions;
  private final StatusWriter statuses;
  private final AssumedBinds assumed;
  private final GangBackoff backoff;

  GangTakeBack(EvictionCommit evictions, StatusWriter statuses, AssumedBinds assumed, GangBackoff backoff) {
    this.evictions = evictions;
    this.statuses = statuses;
    this.assumed = assumed;
    this.backoff = backoff;
  }

  /** Takes back the bound pods of {@code bind}; returns how many calls failed (binds, and take-backs not sent). */
  int takeBack(ClusterRead read, GangBind bind, PodGroupStatuses groups, Instant now) {
    var gang = read.gangs().get(bind.decision().workload().id());
    String why = "gang " + gang.id() + " needed " + bind.decision().workload().minMembers() + " pods bound at once and "
        + bind.bound() + " were (" + bind.notBound() + "); those " + bind.bound() + " are taken back";
    var hold = backoff.failed(gang.id(), why, now);
    String message = "sluice: " + hold.message();
    int failed = 0;
    for (int i = 0; i < bind.outcomes().size(); i++) {
      var outcome = bind.outcomes().get(i);
      var pod = read.pods().get(outcome.pod());
      switch (outcome.kind()) {
        case BOUND -> {
          // Until it is gone, it holds its node as any pod Sluice bound does.
          assumed.add(pod, new AssumedBind(outcome.node(), bind.requests().get(i).gpu(), now.toEpochMilli()));
          var problem = evictions.takeBack(pod, now);
          if (problem.isPresent()) failed++;
          statuses.event(pod, "Warning", "GangBindFailed", message + problem.map(p -> "; " + p).orElse(""), now);
        }
        case ALREADY_BOUND -> {
          // Bound elsewhere already: it holds its node until it is gone, and is taken back all the same.
          assumed.add(pod, new AssumedBind(outcome.node(), -1, now.toEpochMilli()));
          var problem = evictions.takeBack(pod, now);
          if (problem.isPresent()) failed++;
          statuses.event(pod, "Warning", "GangBindFailed", message + problem.map(p -> "; " + p).orElse(""), now);
        }
        case FAILED -> {
          failed++;
          statuses.event(pod, "Warning", "GangBindFailed", message, now);
          statuses.podWaits(pod, message + " [" + GangBackoff.CODE + "]", now);
        }
        case VANISHED -> {
        }
      }
    }
    groups.waiting(gang, GangBackoff.CODE, hold.message(), null);
    return failed;
  }
}
