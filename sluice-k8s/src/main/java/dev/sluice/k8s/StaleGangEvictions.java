package dev.sluice.k8s;

import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.write.Conditions;
import dev.sluice.k8s.write.StatusWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Carries out {@link StaleGangs}' verdicts. A gang below its minimum gets the condition
 * {@value PodGroupStatuses#BELOW_MINIMUM} on its PodGroup (reason {@value StaleGangs#BELOW_CODE}, since when and until
 * when) and, when first seen so, a Normal Event {@code GangBelowMinimum} on its running pods. A stale gang's running
 * pods are evicted through the Eviction API with the usual grace period (a PodDisruptionBudget that refuses is reported
 * on the pod, and the next cycle tries again), each with a Warning Event {@code StaleGangEvicted}; its PodGroup waits
 * (phase {@code Pending}, {@code Scheduled=False}, reason {@value StaleGangs#STALE_CODE}) to run whole again. A gang
 * this cycle binds pods of is left alone: it may be back at its minimum. A PodGroup whose gang is no longer below its
 * minimum loses the condition.
 */
final class StaleGangEvictions {
  private final StaleGangs rule;
  private final EvictionCommit evictions;
  private final StatusWriter statuses;
  private final Consumer<StaleGangCount> onCount;

  StaleGangEvictions(StaleGangs rule, EvictionCommit evictions, StatusWriter statuses, Consumer<StaleGangCount> onCount) {
    this.rule = rule;
    this.evictions = evictions;
    this.statuses = statuses;
    this.onCount = onCount;
  }

  StaleGangCount commit(ClusterObjects objects, ClusterRead read, CycleResult result, PodGroupStatuses groups, Instant now) {
    var podGroups = objects.podGroups().stream().collect(Collectors.toMap(StaleGangEvictions::key, Function.identity(), (a, b) -> a));
    var verdicts = rule.judge(read.belowMinimum(), g -> podGroupOf(g, podGroups).flatMap(StaleGangs::recordedSince), now);
    var binding = result.binds().stream().map(b -> read.gangs().get(b.workload().id()).id()).collect(Collectors.toSet());
    var leaving = evictions.leaving(now);
    int gangs = 0;
    int evicted = 0;
    int refused = 0;
    for (var verdict : verdicts) {
      var gang = verdict.gang().gang();
      if (binding.contains(gang.id())) continue;
      switch (verdict) {
        case StaleGangs.Below below -> {
          groups.belowMinimum(gang, podGroupOf(gang, podGroups).map(PodGroupResource::getStatus).orElse(null),
              Conditions.of(PodGroupStatuses.BELOW_MINIMUM, true, StaleGangs.BELOW_CODE, below.message(), below.since()));
          if (below.news()) {
            for (var pod : below.gang().running()) statuses.event(pod, "Normal", "GangBelowMinimum", "sluice: " + below.message(), now);
          }
        }
        case StaleGangs.Stale stale -> {
          int before = evicted;
          String message = "sluice: " + stale.message() + " [" + StaleGangs.STALE_CODE + "]";
          for (var pod : stale.gang().running()) {
            if (pod.getMetadata().getUid() != null && leaving.contains(pod.getMetadata().getUid())) continue;
            var refusal = evictions.evict(pod, now);
            if (refusal.isEmpty()) {
              evicted++;
              statuses.event(pod, "Warning", "StaleGangEvicted", message, now);
            } else {
              refused++;
              statuses.event(pod, "Warning", "EvictionRefused", "sluice: " + refusal.get(), now);
            }
          }
          if (evicted > before) gangs++;
          groups.stale(gang, stale.message());
        }
      }
    }
    var below = verdicts.stream().flatMap(v -> podGroupOf(v.gang().gang(), podGroups).stream()).map(StaleGangEvictions::key)
        .collect(Collectors.toSet());
    forgetRecovered(objects, below, groups);
    var count = new StaleGangCount(verdicts.size(), gangs, evicted, refused);
    onCount.accept(count);
    return count;
  }

  private static void forgetRecovered(ClusterObjects objects, Set<String> belowMinimum, PodGroupStatuses groups) {
    for (var group : objects.podGroups()) {
      if (!belowMinimum.contains(key(group))) groups.notBelowMinimum(group);
    }
  }

  private static Optional<PodGroupResource> podGroupOf(Gang gang, java.util.Map<String, PodGroupResource> podGroups) {
    return gang.podGroup() == null ? Optional.empty() : Optional.ofNullable(podGroups.get(gang.namespace() + "/" + gang.podGroup()));
  }

  private static String key(PodGroupResource group) {
    return group.getMetadata().getNamespace() + "/" + group.getMetadata().getName();
  }
}
