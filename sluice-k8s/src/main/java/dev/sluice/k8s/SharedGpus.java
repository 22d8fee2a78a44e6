package dev.sluice.k8s;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.read.Pods;
import dev.sluice.k8s.write.GpuConfigs;
import dev.sluice.k8s.write.Reservations;
import java.util.Optional;
import java.util.Set;

/**
 * The GPUs fractional pods share: the reservation pod that holds each for the device plugin, made before the
 * first fractional pod is bound to it, and, for a pod the webhook wired up ({@code sluice.dev/gpu-config}),
 * the ConfigMap with the device the reservation got, written once the reservation has reported it.
 */
final class SharedGpus {
  private final Reservations reservations;
  private final GpuConfigs configs;

  SharedGpus(Reservations reservations, GpuConfigs configs) {
    this.reservations = reservations;
    this.configs = configs;
  }

  static boolean isFraction(PodBinding binding) {
    return binding.pod().gpuCount() == 1 && binding.pod().gpuMilliPerGpu() < PodRequest.WHOLE_GPU;
  }

  /** Empty when the GPUs the fractional pods of {@code bind} share are reserved (or being so); else why not. */
  Optional<String> reserve(ClusterRead read, SchedulingDecision.Bind bind, Set<String> reservedNow) {
    for (var b : bind.pods()) {
      if (!isFraction(b)) continue;
      int gpu = b.gpus().getFirst();
      String key = ClusterRead.gpuKey(b.node(), gpu);
      if (read.reservations().containsKey(key) || reservedNow.contains(key)) continue;
      var failure = reservations.create(b.node(), gpu);
      if (failure.isPresent()) return failure;
      reservedNow.add(key);
    }
    return Optional.empty();
  }

  /**
   * Writes the ConfigMap of every bound fractional pod the webhook wired up that has none yet (no
   * {@code sluice.dev/gpu-device}), once its GPU's reservation has started and reported its device; then marks
   * the pod with that device. Until then its containers wait for the ConfigMap (the kubelet retries).
   */
  void completeConfigs(ClusterRead read) {
    for (var r : read.snapshot().running()) {
      for (var b : r.bindings()) {
        if (!isFraction(b)) continue;
        var pod = read.pods().get(b.pod().name());
        var annotations = Pods.annotations(pod);
        if (!annotations.containsKey(Keys.GPU_CONFIG) || annotations.containsKey(Keys.GPU_DEVICE)) continue;
        int gpu = b.gpus().getFirst();
        var reservation = read.reservations().get(ClusterRead.gpuKey(b.node(), gpu));
        var device = reservation == null ? Optional.<String>empty() : configs.deviceOf(reservation);
        if (device.isPresent() && configs.write(pod, gpu, b.pod().gpuMilliPerGpu(), gpuMemory(read, b), device.get()).isEmpty()) {
          configs.markDevice(pod, device.get());
        }
      }
    }
  }

  /**
   * Clears away reservations that ended or are being deleted and those of GPUs no fractional pod shares (on
   * nodes Sluice schedules; a node that takes no new work keeps its reservations), and reserves every shared
   * GPU that has lost its reservation.
   */
  void reconcile(ClusterRead read, Set<String> sharedNow) {
    read.staleReservations().forEach(reservations::delete);
    var schedulable = read.snapshot().cluster().nodes().stream().map(n -> n.name()).collect(java.util.stream.Collectors.toSet());
    read.reservations().forEach((key, pod) -> {
      boolean unused = !read.sharedGpus().contains(key) && !sharedNow.contains(key);
      if (unused && schedulable.contains(pod.getSpec().getNodeName())) reservations.delete(pod);
    });
    for (var key : read.sharedGpus()) {
      if (read.reservations().containsKey(key) || sharedNow.contains(key)) continue;
      int slash = key.lastIndexOf('/');
      int gpu = Integer.parseInt(key.substring(slash + 1));
      if (gpu >= 0) reservations.create(key.substring(0, slash), gpu);
    }
  }

  private static long gpuMemory(ClusterRead read, PodBinding binding) {
    return read.snapshot().cluster().nodes().stream().filter(n -> n.name().equals(binding.node())).findFirst()
        .map(n -> n.gpus().get(binding.gpus().getFirst()).memoryMib()).orElse(0L);
  }
}
