package dev.sluice.k8s.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * A gang of pods as a namespaced custom resource ({@code podgroups.sluice.dev}): pods that name it in the
 * annotation {@code sluice.dev/pod-group} run together once {@code minMember} of them can.
 */
@Group("sluice.dev")
@Version("v1alpha1")
@Kind("PodGroup")
@Plural("podgroups")
public final class PodGroupResource extends CustomResource<PodGroupResource.Spec, PodGroupResource.Status> implements Namespaced {
  /**
   * @param queue             the leaf queue of its pods (a pod's own label wins)
   * @param minMember         fewest pods that run at once; default 1
   * @param priorityClassName a PriorityClass for its pods that name none
   * @param preemptible       whether its pods may be evicted for others; default from priority
   * @param topology          the topology level (a rack, a block, a zone) its pods must, or would rather, keep to
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(String queue, Integer minMember, String priorityClassName, Boolean preemptible, Topology topology) {
    /** A spec without a topology. */
    public Spec(String queue, Integer minMember, String priorityClassName, Boolean preemptible) {
      this(queue, minMember, priorityClassName, preemptible, null);
    }
  }

  /**
   * @param required  the level all its pods must run within one domain of (they wait otherwise)
   * @param preferred the level its pods run within one domain of when one has room (anywhere otherwise)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Topology(String required, String preferred) {
  }

  /**
   * @param phase         {@code Pending}, {@code Running} or {@code Unschedulable}
   * @param conditions    {@code Scheduled}: status, Sluice's reason code and message
   * @param queuePosition 1 for the next of its queue, while it waits
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String phase, List<Condition> conditions, Integer queuePosition) {
  }
}
