package dev.sluice.k8s;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Kubernetes scheduler runs.
 *
 * @param schedulerName          pods whose {@code spec.schedulerName} is this are Sluice's
 * @param defaultQueue           the queue of pods that name none (nor their PodGroup or namespace)
 * @param reservationNamespace   where Sluice keeps the pods that hold shared GPUs for fractional pods
 * @param reservationImage       the image of those pods (they print their device and sleep; it needs {@code sh})
 * @param preemptibleBelow       pods with a priority below this are preemptible unless they say otherwise,
 *                               when the cluster has no PriorityClass {@code sluice-default} whose value says so
 * @param cycleInterval          time between cycles when nothing changes
 * @param bindParallelism        binds in flight at once
 * @param bindAttempts           tries per bind before it is reported as failed
 * @param assumedTimeout         how long a bind Sluice made is held when the informer does not show it
 * @param statusWritesPerCycle   at most this many waiting pods' conditions are written per cycle (the rest next cycle)
 * @param gangRetryBackoff       how long a gang waits after the pods it had bound were taken back because others of its
 *                               minimum could not be bound; it doubles with each such failure in a row, up to 32 times
 * @param staleGangGrace         how long a gang may run below its minimum (a pod of it deleted, failed or evicted by
 *                               someone else) before Sluice evicts its remaining pods; 0 evicts them at once
 * @param topologyLabels         the node label that names a node's domain at each topology level a PodGroup may keep
 *                               its pods to ({@code spec.topology}), by level
 */
public record K8sConfig(String schedulerName, String defaultQueue, String reservationNamespace, String reservationImage,
                        int preemptibleBelow, Duration cycleInterval, int bindParallelism, int bindAttempts,
                        Duration assumedTimeout, int statusWritesPerCycle, Duration gangRetryBackoff,
                        Duration staleGangGrace, Map<String, String> topologyLabels) {
  /** The topology levels and labels of a cluster that says nothing else: zone as Kubernetes labels it, block and rack as Sluice does. */
  public static final Map<String, String> DEFAULT_TOPOLOGY_LABELS = Map.of("zone", "topology.kubernetes.io/zone",
      "block", "sluice.dev/block", "rack", "sluice.dev/rack");

  public K8sConfig {
    Objects.requireNonNull(schedulerName, "schedulerName");
    if (schedulerName.isBlank()) throw new IllegalArgumentException("schedulerName must not be blank");
    Objects.requireNonNull(defaultQueue, "defaultQueue");
    Objects.requireNonNull(reservationNamespace, "reservationNamespace");
    Objects.requireNonNull(reservationImage, "reservationImage");
    Objects.requireNonNull(cycleInterval, "cycleInterval");
    if (cycleInterval.isNegative() || cycleInterval.isZero()) throw new IllegalArgumentException("cycleInterval must be > 0");
    if (bindParallelism < 1) throw new IllegalArgumentException("bindParallelism must be >= 1, was " + bindParallelism);
    if (bindAttempts < 1) throw new IllegalArgumentException("bindAttempts must be >= 1, was " + bindAttempts);
    Objects.requireNonNull(assumedTimeout, "assumedTimeout");
    if (statusWritesPerCycle < 1) throw new IllegalArgumentException("statusWritesPerCycle must be >= 1, was " + statusWritesPerCycle);
    Objects.requireNonNull(gangRetryBackoff, "gangRetryBackoff");
    if (gangRetryBackoff.isNegative()) throw new IllegalArgumentException("gangRetryBackoff must be >= 0, was " + gangRetryBackoff);
    Objects.requireNonNull(staleGangGrace, "staleGangGrace");
    if (staleGangGrace.isNegative()) throw new IllegalArgumentException("staleGangGrace must be >= 0, was " + staleGangGrace);
    topologyLabels = Map.copyOf(topologyLabels);
    topologyLabels.forEach((level, label) -> {
      if (level.isBlank() || label.isBlank()) throw new IllegalArgumentException("topologyLabels: a level and its label must not be blank");
    });
  }

  public static K8sConfig defaults() {
    return new K8sConfig("sluice", "default", "sluice-system", "busybox:1.36", 100, Duration.ofSeconds(1), 64, 3,
        Duration.ofSeconds(30), 512, Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_TOPOLOGY_LABELS);
  }

  public K8sConfig withSchedulerName(String name) {
    return new K8sConfig(name, defaultQueue, reservationNamespace, reservationImage, preemptibleBelow, cycleInterval, bindParallelism,
        bindAttempts, assumedTimeout, statusWritesPerCycle, gangRetryBackoff, staleGangGrace, topologyLabels);
  }

  public K8sConfig withCycleInterval(Duration interval) {
    return new K8sConfig(schedulerName, defaultQueue, reservationNamespace, reservationImage, preemptibleBelow, interval, bindParallelism,
        bindAttempts, assumedTimeout, statusWritesPerCycle, gangRetryBackoff, staleGangGrace, topologyLabels);
  }

  public K8sConfig withGangRetryBackoff(Duration backoff) {
    return new K8sConfig(schedulerName, defaultQueue, reservationNamespace, reservationImage, preemptibleBelow, cycleInterval, bindParallelism,
        bindAttempts, assumedTimeout, statusWritesPerCycle, backoff, staleGangGrace, topologyLabels);
  }

  public K8sConfig withStaleGangGrace(Duration grace) {
    return new K8sConfig(schedulerName, defaultQueue, reservationNamespace, reservationImage, preemptibleBelow, cycleInterval, bindParallelism,
        bindAttempts, assumedTimeout, statusWritesPerCycle, gangRetryBackoff, grace, topologyLabels);
  }

  public K8sConfig withTopologyLabels(Map<String, String> labels) {
    return new K8sConfig(schedulerName, defaultQueue, reservationNamespace, reservationImage, preemptibleBelow, cycleInterval, bindParallelism,
        bindAttempts, assumedTimeout, statusWritesPerCycle, gangRetryBackoff, staleGangGrace, labels);
  }
}
