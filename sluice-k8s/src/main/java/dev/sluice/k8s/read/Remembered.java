package dev.sluice.k8s.read;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the scheduler knows of its own recent writes that the informers may not show yet, for the reader.
 *
 * @param assumed binds sent that the informer has not shown, by pod {@code namespace/name}: the pod counts as bound there
 * @param leaving the uids of pods Sluice evicted or deleted: they count as terminating (they hold what they hold, and
 *                are no longer part of their gang) even before the informer shows them so
 * @param holds   gangs the scheduler holds back for a while, by gang id, with the reason (a gang whose pods were taken
 *                back after a failed bind waits before it is tried again)
 */
public record Remembered(Map<String, AssumedBind> assumed, Set<String> leaving, Map<String, Gang.Hold> holds) {
  /** Nothing remembered: a scheduler that has sent nothing yet, or a reading of a file. */
  public static final Remembered NOTHING = new Remembered(Map.of(), Set.of(), Map.of());

  public Remembered {
    assumed = Map.copyOf(Objects.requireNonNull(assumed, "assumed"));
    leaving = Set.copyOf(Objects.requireNonNull(leaving, "leaving"));
    holds = Map.copyOf(Objects.requireNonNull(holds, "holds"));
  }

  /** Whether Sluice evicted or deleted the pod. */
  boolean isLeaving(io.fabric8.kubernetes.api.model.Pod pod) {
    String uid = pod.getMetadata().getUid();
    return uid != null && leaving.contains(uid);
  }

  /** Only binds sent and not yet shown. */
  public static Remembered assumed(Map<String, AssumedBind> assumed) {
    return new Remembered(assumed, Set.of(), Map.of());
  }
}
