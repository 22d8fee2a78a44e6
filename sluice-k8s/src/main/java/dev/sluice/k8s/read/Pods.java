package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Small readings of a pod object that several parts need. */
public final class Pods {
  private Pods() {
  }

  /** {@code namespace/name}: the pod's name in Sluice's decisions. */
  public static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  public static Map<String, String> annotations(Pod pod) {
    var a = pod.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  public static Map<String, String> labels(Pod pod) {
    var l = pod.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  /** Bound to a node (by Sluice, another scheduler, or directly). */
  public static boolean bound(Pod pod) {
    var node = pod.getSpec().getNodeName();
    return node != null && !node.isEmpty();
  }

  /** Its containers have ended for good: it holds nothing any more. */
  public static boolean finished(Pod pod) {
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Its containers all ended with success (phase {@code Succeeded}): its part of the work is done. */
  public static boolean succeeded(Pod pod) {
    return pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase());
  }

  /** Being deleted. */
  public static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** Creation time in milliseconds since the epoch; 0 when absent or unreadable. */
  public static long createdMillis(String timestamp) {
    if (timestamp == null) return 0;
    try {
      return Instant.parse(timestamp).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  public static Optional<OwnerReference> controller(Pod pod) {
    var owners = pod.getMetadata().getOwnerReferences();
    if (owners == null) return Optional.empty();
    return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }
}
