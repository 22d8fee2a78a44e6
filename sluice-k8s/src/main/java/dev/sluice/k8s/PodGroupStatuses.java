package dev.sluice.k8s;

import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.read.Pods;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.write.Conditions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of each PodGroup after a cycle: {@code Running} once at least {@code minMember} of its pods are
 * bound, else {@code Pending} (the scheduler could place it later, or tries it again after a failed bind) or
 * {@code Unschedulable} (held: its queue does not exist, a pod's request is invalid); a {@code Scheduled} condition with Sluice's reason code and
 * message; the queue position while it waits.
 */
final class PodGroupStatuses {
  private final Map<String, PodGroupResource.Status> byGroup = new HashMap<>();
  private final Instant now;

  PodGroupStatuses(Instant now) {
    this.now = now;
  }

  void running(Gang gang, int boundPods) {
    if (gang.podGroup() == null) return;
    byGroup.put(key(gang), new PodGroupResource.Status("Running",
        List.of(Conditions.of("Scheduled", true, "Scheduled", boundPods + " pods bound", now)), null));
  }

  void waiting(Gang gang, String code, String message, Integer position) {
    if (gang.podGroup() == null || byGroup.containsKey(key(gang))) return;
    boolean anyBound = gang.pods().stream().anyMatch(Pods::bound);
    String phase = anyBound ? "Running" : "Pending";
    byGroup.put(key(gang), new PodGroupResource.Status(phase, List.of(Conditions.of("Scheduled", anyBound, code, message, now)), position));
  }

  void held(Gang gang) {
    if (gang.podGroup() == null) return;
    // A gang taken back after a failed bind is tried again soon: it waits, it is not unschedulable.
    String phase = GangBackoff.CODE.equals(gang.hold().code()) ? "Pending" : "Unschedulable";
    byGroup.put(key(gang), new PodGroupResource.Status(phase,
        List.of(Conditions.of("Scheduled", false, gang.hold().code(), gang.hold().message(), now)), null));
  }

  Map<String, PodGroupResource.Status> byKey() {
    return byGroup;
  }

  static String key(Gang gang) {
    return gang.namespace() + "/" + gang.podGroup();
  }
}
