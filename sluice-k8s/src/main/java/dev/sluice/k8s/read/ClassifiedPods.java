package dev.sluice.k8s.read;

import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cycle's pods sorted by what they are to Sluice: its own live pods, its own pods that terminate, pods of other
 * schedulers that hold resources, its own pods that completed, and the reservations of shared GPUs (live by {@code node/gpu}, and those that
 * ended or are being deleted). A bind Sluice sent counts as bound; a pod Sluice evicted counts as terminating.
 */
final class ClassifiedPods {
  final List<Pod> sluice = new ArrayList<>();
  final List<Pod> terminating = new ArrayList<>();
  /** Sluice's pods that completed (phase {@code Succeeded}): they hold nothing, but count towards their gang's minimum. */
  final List<Pod> succeeded = new ArrayList<>();
  final List<Pod> held = new ArrayList<>();
  final List<Pod> staleReservations = new ArrayList<>();
  final Map<String, Pod> byKey = new HashMap<>();
  final Map<String, Pod> reservations = new HashMap<>();
  final Map<String, AssumedBind> assumed;

  ClassifiedPods(List<Pod> pods, Remembered remembered, K8sConfig config) {
    this.assumed = remembered.assumed();
    for (var pod : pods.stream().sorted(Comparator.comparing(Pods::key)).toList()) {
      String reservedGpu = Pods.labels(pod).get(Keys.RESERVED_GPU);
      boolean reservation = reservedGpu != null && config.reservationNamespace().equals(pod.getMetadata().getNamespace());
      if (reservation && (Pods.finished(pod) || Pods.terminating(pod))) {
        staleReservations.add(pod);
      } else if (Pods.finished(pod)) {
        if (Pods.succeeded(pod) && config.schedulerName().equals(pod.getSpec().getSchedulerName())) succeeded.add(pod);
      } else if (reservation) {
        if (Pods.bound(pod)) reservations.put(ClusterRead.gpuKey(pod.getSpec().getNodeName(), SnapshotReader.parseIndex(reservedGpu)), pod);
      } else if (!config.schedulerName().equals(pod.getSpec().getSchedulerName())) {
        if (isBound(pod)) held.add(pod);
      } else if (Pods.terminating(pod) || remembered.isLeaving(pod)) {
        if (isBound(pod)) terminating.add(pod);
      } else {
        sluice.add(pod);
        byKey.put(Pods.key(pod), pod);
      }
    }
  }

  String node(Pod pod) {
    var a = assumed.get(Pods.key(pod));
    return a != null ? a.node() : pod.getSpec().getNodeName();
  }

  /** The GPU a fractional pod shares, from Sluice's annotation or its pending bind; -1 when unknown. */
  int gpuIndex(Pod pod) {
    var a = assumed.get(Pods.key(pod));
    if (a != null && a.gpu() >= 0) return a.gpu();
    return SnapshotReader.parseIndex(Pods.annotations(pod).get(Keys.GPU_INDEX));
  }

  boolean isBound(Pod pod) {
    return Pods.bound(pod) || assumed.containsKey(Pods.key(pod));
  }
}
