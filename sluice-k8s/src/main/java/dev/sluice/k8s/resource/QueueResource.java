package dev.sluice.k8s.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * A queue of Sluice as a cluster-scoped custom resource ({@code queues.sluice.dev}). The schema is
 * {@code deploy/kubernetes/crds.yaml}; GPUs are counted in GPUs (fractions allowed), CPU and memory as
 * Kubernetes quantities.
 */
@Group("sluice.dev")
@Version("v1alpha1")
@Kind("Queue")
@Plural("queues")
public final class QueueResource extends CustomResource<QueueResource.Spec, QueueResource.Status> {
  /**
   * @param parent    the parent queue, or null for a top-level queue
   * @param priority  queues of higher priority get surplus first
   * @param resources terms per resource: {@code gpu}, {@code cpu}, {@code memory}
   * @param gpuModels terms per GPU model (its GPU feature discovery product name)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(String parent, Integer priority, Map<String, Terms> resources, Map<String, Terms> gpuModels,
                     Boolean nonPreemptibleAboveDeserved) {
    /** A spec whose pods that may not be preempted run only within its deserved quota. */
    public Spec(String parent, Integer priority, Map<String, Terms> resources, Map<String, Terms> gpuModels) {
      this(parent, priority, resources, gpuModels, null);
    }
  }

  /** One resource's terms; absent fields take the defaults of a queue (deserved 0, no limit, weight 1, lends all). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Terms(Quantity deserved, Quantity limit, Double overQuotaWeight, Quantity lendingLimit) {
  }

  /**
   * What Sluice last saw: per resource ({@code gpu}, {@code cpu}, {@code memory}) what the queue's running
   * pods hold, what its pods ask for in all, and its fair share; conditions ({@code Ready}); and its past usage,
   * which a scheduler that starts (or becomes leader) reads back.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(Map<String, Quantity> allocated, Map<String, Quantity> requested, Map<String, Quantity> fairShare,
                       List<Condition> conditions, Usage usage) {
    /** A status without past usage. */
    public Status(Map<String, Quantity> allocated, Map<String, Quantity> requested, Map<String, Quantity> fairShare,
                  List<Condition> conditions) {
      this(allocated, requested, fairShare, conditions, null);
    }
  }

  /**
   * The queue's past usage behind fair share: GPU-seconds (one GPU for one second is 1; its sub-queues' included),
   * halving every half-life, as of {@code computedAt} (an RFC 3339 time). Read leniently: a field that is not a
   * number, or not a string, reads as null (and the whole as nulls when it is not an object), so that a status
   * someone edited never keeps the queue from being read; Sluice then ignores it (and says so).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Usage(Double gpuSeconds, String computedAt) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Usage read(JsonNode node) {
      var seconds = node.get("gpuSeconds");
      var at = node.get("computedAt");
      return new Usage(seconds != null && seconds.isNumber() ? seconds.doubleValue() : null,
          at != null && at.isTextual() ? at.textValue() : null);
    }
  }
}
