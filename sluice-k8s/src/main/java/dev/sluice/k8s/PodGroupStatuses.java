package dev.sluice.k8s;

import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.read.Pods;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.write.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of each PodGroup after a cycle: {@code Running} once at least {@code minMember} of its pods are
 * bound, else {@code Pending} (the scheduler could place it later, or tries it again after a failed bind) or
 * {@code Unschedulable} (held: its queue does not exist, a pod's request is invalid); a {@code Scheduled} condition with Sluice's reason code and
 * message; the queue position while it waits. A gang that runs below its minimum has a condition
 * {@value #BELOW_MINIMUM} besides ({@link StaleGangs}) until it is back at its minimum or its pods are evicted.
 */
final class PodGroupStatuses {
  /** The condition of a PodGroup whose gang runs below its minimum; its {@code lastTransitionTime} is when it went below. */
  static final String BELOW_MINIMUM = "BelowMinimum";
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

  /**
   * The gang runs below its minimum: its status this cycle (or the one it has) with {@code condition} of type
   * {@value #BELOW_MINIMUM} in place of any such condition.
   */
  void belowMinimum(Gang gang, PodGroupResource.Status current, Condition condition) {
    if (gang.podGroup() == null) return;
    var base = byGroup.getOrDefault(key(gang), current != null ? current : new PodGroupResource.Status("Running", List.of(), null));
    var conditions = new ArrayList<>(withoutBelowMinimum(base.conditions()));
    conditions.add(condition);
    byGroup.put(key(gang), new PodGroupResource.Status(base.phase() == null ? "Running" : base.phase(), conditions, base.queuePosition()));
  }

  /** The gang's remaining pods are evicted because it stayed below its minimum: it waits to run whole again. */
  void stale(Gang gang, String message) {
    if (gang.podGroup() == null) return;
    byGroup.put(key(gang), new PodGroupResource.Status("Pending",
        List.of(Conditions.of("Scheduled", false, StaleGangs.STALE_CODE, message, now)), null));
  }

  /** The PodGroup's gang is no longer below its minimum: its {@value #BELOW_MINIMUM} condition goes, if it has one and nothing else is written. */
  void notBelowMinimum(PodGroupResource group) {
    var status = group.getStatus();
    String key = group.getMetadata().getNamespace() + "/" + group.getMetadata().getName();
    if (status == null || status.conditions() == null || byGroup.containsKey(key)) return;
    var kept = withoutBelowMinimum(status.conditions());
    if (kept.size() < status.conditions().size()) byGroup.put(key, new PodGroupResource.Status(status.phase(), kept, status.queuePosition()));
  }

  private static List<Condition> withoutBelowMinimum(List<Condition> conditions) {
    return conditions == null ? List.of() : conditions.stream().filter(c -> !BELOW_MINIMUM.equals(c.getType())).toList();
  }

  Map<String, PodGroupResource.Status> byKey() {
    return byGroup;
  }

  static String key(Gang gang) {
    return gang.namespace() + "/" + gang.podGroup();
  }
}
