package dev.sluice.k8s.write;

import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what Sluice decided where users look, and only when it changed: a waiting pod's condition
 * {@code PodScheduled=False} (reason {@code Unschedulable}, Sluice's message) with an Event, an Event when a
 * pod is bound or evicted, and the status of PodGroups and Queues. Events go out in the background
 * ({@link EventRecorder}); statuses are written before the cycle ends. A write that fails (the object is gone, a
 * conflict) is dropped: the next cycle writes again what is still true.
 */
public final class StatusWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StatusWriter.class.getName());
  private final KubernetesClient client;
  private final String component;
  private final AtomicLong events = new AtomicLong();
  private final EventRecorder recorder;

  public StatusWriter(KubernetesClient client, String component) {
    this.client = client;
    this.component = component;
    this.recorder = new EventRecorder(client, 8, 10_000);
  }

  private final java.util.List<java.util.concurrent.Callable<Boolean>> podWrites = new ArrayList<>();

  /** Says why the pod waits, at the next {@link #flush}, unless that is what it says already. */
  public void podWaits(Pod pod, String message, Instant now) {
    var current = condition(pod);
    if (current != null && "False".equals(current.getStatus()) && "Unschedulable".equals(current.getReason())
        && Objects.equals(message, current.getMessage())) {
      return;
    }
    podWrites.add(() -> writeWaiting(pod, message, now));
  }

  /**
   * Writes at most {@code limit} of the pods' conditions that changed since the last flush, many at once, so
   * that a cycle never waits for thousands of them; the others are still different next cycle and go then.
   * Returns how many were written.
   */
  public int flush(int limit) throws InterruptedException {
    var calls = java.util.List.copyOf(podWrites.subList(0, Math.min(limit, podWrites.size())));
    podWrites.clear();
    return (int) Parallel.run(calls, 64, (i, cause) -> false).stream().filter(Boolean::booleanValue).count();
  }

  private boolean writeWaiting(Pod pod, String message, Instant now) {
    var updated = new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage(message).withLastTransitionTime(now.toString()).build();
    var conditions = new ArrayList<PodCondition>();
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      pod.getStatus().getConditions().stream().filter(c -> !"PodScheduled".equals(c.getType())).forEach(conditions::add);
    }
    conditions.add(updated);
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", Map.of("conditions", conditions))));
    } catch (KubernetesClientException e) {
      LOG.log(System.Logger.Level.DEBUG, "status of " + pod.getMetadata().getName() + " not written: " + e.getMessage());
      return false;
    }
    event(pod, "Warning", "FailedScheduling", message, now);
    return true;
  }

  private static PodCondition condition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) return null;
    return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
  }

  /** Records an Event on the pod (kube-scheduler's reasons: {@code Scheduled}, {@code FailedScheduling}, {@code Preempted}). */
  public void event(Pod pod, String type, String reason, String message, Instant now) {
    var meta = pod.getMetadata();
    var event = new EventBuilder()
        .withNewMetadata().withName(meta.getName() + "." + Long.toHexString(now.toEpochMilli()) + Long.toHexString(events.incrementAndGet()))
        .withNamespace(meta.getNamespace()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withKind("Pod").withApiVersion("v1").withNamespace(meta.getNamespace())
            .withName(meta.getName()).withUid(meta.getUid()).build())
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString())
        .withNewSource().withComponent(component).endSource().withReportingComponent(component)
        .build();
    recorder.send(event);
  }

  @Override
  public void close() {
    recorder.close();
  }

  /** Writes the PodGroup's status when it differs from {@code status}. */
  public boolean podGroup(PodGroupResource group, PodGroupResource.Status status) {
    if (sameIgnoringTimes(group.getStatus(), status)) return false;
    var meta = group.getMetadata();
    return editStatus(client.resources(PodGroupResource.class).inNamespace(meta.getNamespace()).withName(meta.getName()), g -> {
      g.setStatus(status);
      return g;
    }, "PodGroup " + meta.getName());
  }

  /** Writes the Queue's status when it differs from {@code status}. */
  public boolean queue(QueueResource queue, QueueResource.Status status) {
    if (sameIgnoringTimes(queue.getStatus(), status)) return false;
    return editStatus(client.resources(QueueResource.class).withName(queue.getMetadata().getName()), q -> {
      q.setStatus(status);
      return q;
    }, "Queue " + queue.getMetadata().getName());
  }

  private static <T> boolean editStatus(io.fabric8.kubernetes.client.dsl.Resource<T> resource, java.util.function.UnaryOperator<T> edit,
                                        String what) {
    try {
      resource.editStatus(edit);
      return true;
    } catch (KubernetesClientException e) {
      LOG.log(System.Logger.Level.DEBUG, "status of " + what + " not written: " + e.getMessage());
      return false;
    }
  }

  /** Equal but for the conditions' transition times, which change only with the rest. */
  private static boolean sameIgnoringTimes(Object current, Object next) {
    return Objects.equals(Conditions.withoutTimes(current), Conditions.withoutTimes(next));
  }
}
