package dev.sluice.k8s.read;

import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.TopologyConstraint;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pods of Sluice's that run together: those of one PodGroup, of one batch Job, or a pod alone.
 *
 * @param id          {@code namespace/podgroup/NAME}, {@code namespace/job/NAME} or {@code namespace/pod/NAME}
 * @param podGroup    the PodGroup's name, or null when the gang has none
 * @param pods        its pods, oldest first (then by name)
 * @param minMembers  fewest pods that run at once
 * @param topology    the topology level its pods must or would rather keep to (its PodGroup's {@code spec.topology})
 * @param hold        why it cannot be scheduled as it is (unknown queue, bad annotation), or null
 */
public record Gang(String id, String namespace, String podGroup, List<Pod> pods, int minMembers, String queue,
                   PriorityClass priority, boolean preemptible, long submitTime, TopologyConstraint topology, Hold hold) {
  /**
   * Why a gang is not offered to the scheduler.
   *
   * @param code    {@code unknown-queue}, {@code unknown-pod-group}, {@code invalid-request}, {@code invalid-queues},
   *                {@code invalid-topology} or {@code gang-incomplete}
   * @param message what is wrong, naming the object and field
   */
  public record Hold(String code, String message) {
    public Hold {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  public Gang {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
    pods = List.copyOf(pods);
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(topology, "topology");
  }

  public Optional<Hold> holdReason() {
    return Optional.ofNullable(hold);
  }

  public Gang held(String code, String message) {
    return new Gang(id, namespace, podGroup, pods, minMembers, queue, priority, preemptible, submitTime, topology,
        new Hold(code, message));
  }
}
