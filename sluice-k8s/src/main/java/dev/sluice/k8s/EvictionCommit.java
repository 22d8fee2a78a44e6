package dev.sluice.k8s;

import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.write.ApiEvictor;
import dev.sluice.k8s.write.StatusWriter;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends a cycle's evictions, takes back the pods of a gang that did not bind whole, and evicts those of a gang that
 * stayed below its minimum ({@link StaleGangEvictions}). Kubernetes cannot move a running pod: a move is an eviction (its controller makes a
 * new pod, which Sluice places). While pods Sluice evicted are still terminating, no new evictions are sent (what
 * they free is not free yet); a pod still there {@code patience} after its eviction (a finalizer, a pod recreated
 * under its name) stops holding the others back.
 */
final class EvictionCommit implements AutoCloseable {
  /**
   * What was sent: pods whose eviction was accepted or refused, and every node a victim of the cycle runs on
   * (evicted, refused or held back alike: until the victims are gone, what the cycle meant to free there is not
   * free, so nothing is bound there this cycle).
   */
  record Sent(int evicted, int refused, Set<String> draining) {
  }

  private final ApiEvictor evictor;
  private final StatusWriter statuses;
  private final Duration patience;
  private final Map<String, Instant> inFlight = new HashMap<>();

  EvictionCommit(ApiEvictor evictor, StatusWriter statuses, Duration patience) {
    this.evictor = evictor;
    this.statuses = statuses;
    this.patience = patience;
  }

  @Override
  public void close() {
    evictor.close();
  }

  /**
   * The uids of the pods Sluice evicted or took back that may still be there (not yet {@code patience} ago): the
   * reader counts them as terminating before the informer shows them so.
   */
  Set<String> leaving(Instant now) {
    inFlight.entrySet().removeIf(e -> e.getValue().plus(patience).isBefore(now));
    return Set.copyOf(inFlight.keySet());
  }

  /**
   * Takes back a pod bound this cycle whose gang did not bind whole: evicts it so that its controller makes it again,
   * or deletes it where the eviction is refused (a PodDisruptionBudget that counts the gang's pods cannot be met by a
   * gang that never ran whole). Empty when the pod is going; else why not.
   */
  Optional<String> takeBack(Pod pod, Instant now) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    var problem = evictor.evict(namespace, name).flatMap(refused -> evictor.delete(namespace, name));
    if (problem.isEmpty() && pod.getMetadata().getUid() != null) inFlight.put(pod.getMetadata().getUid(), now);
    return problem;
  }

  /**
   * Evicts the pod through the Eviction API, with the grace period; a pod whose eviction is accepted is leaving from
   * now on. Empty when it was accepted (or the pod is gone); else why not, e.g. a PodDisruptionBudget refused it.
   */
  Optional<String> evict(Pod pod, Instant now) {
    var refusal = evictor.evict(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    if (refusal.isEmpty() && pod.getMetadata().getUid() != null) inFlight.put(pod.getMetadata().getUid(), now);
    return refusal;
  }

  Sent send(ClusterObjects objects, ClusterRead read, CycleResult result, Instant now) {
    var alive = objects.pods().stream().map(p -> p.getMetadata().getUid()).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    inFlight.keySet().retainAll(alive);
    leaving(now);
    var draining = new HashSet<String>();
    var running = read.snapshot().running().stream().collect(Collectors.toMap(RunningWorkload::id, r -> r));
    boolean holdBack = !inFlight.isEmpty();
    int evicted = 0;
    int refused = 0;
    for (var d : result.decisions()) {
      String cause = switch (d) {
        case SchedulingDecision.Evict e -> e.cause().message();
        case SchedulingDecision.Move m -> m.cause().message();
        default -> null;
      };
      var victim = running.get(d.workload().id());
      if (cause == null || victim == null) continue;
      victim.bindings().forEach(b -> draining.add(b.node()));
      if (holdBack) continue;
      for (var binding : victim.bindings()) {
        var pod = read.pods().get(binding.pod().name());
        if (pod == null) continue;
        var refusal = evict(pod, now);
        if (refusal.isEmpty()) {
          evicted++;
          statuses.event(pod, "Normal", "Preempted", "sluice: " + cause, now);
        } else {
          refused++;
          statuses.event(pod, "Warning", "EvictionRefused", "sluice: " + refusal.get(), now);
        }
      }
    }
    return new Sent(evicted, refused, draining);
  }
}
