package dev.sluice.sim.replay;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.core.scheduler.SchedulerConfig;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** The schedulers a replay compares, by name. */
public final class ReplaySchedulers {
  /** One global line by arrival, head-of-line blocking. */
  public static final String FIFO = "fifo";
  /** One global line by arrival with EASY backfill (Slurm's default): later pods start if they delay not the first. */
  public static final String FIFO_BACKFILL = "fifo-backfill";
  /** One global line by priority then arrival, head-of-line blocking. */
  public static final String PRIORITY = "priority";
  /** Sluice's scheduler cycle: fair share over the queue tree, backfill, consolidation, reclaim, preemption. */
  public static final String FAIR_SHARE = "fair-share";
  /** Half-life of the queues' usage history under {@link #FAIR_SHARE}, in virtual time. */
  public static final Duration USAGE_HALF_LIFE = Duration.ofHours(1);

  private ReplaySchedulers() {
  }

  public static List<String> names() {
    return List.of(FIFO, FIFO_BACKFILL, PRIORITY, FAIR_SHARE);
  }

  /**
   * A fresh scheduler.
   *
   * @param placement the placement policy's name (see {@link PlacementPolicies#names()})
   * @param seed      seeds a drawing placement policy
   * @throws IllegalArgumentException for an unknown name
   */
  public static ReplayScheduler named(String name, ReplayWorkload workload, String placement, long seed) {
    var policies = policies(workload, placement, seed);
    return switch (name) {
      case FIFO -> HeadOfLineScheduler.fifo(policies);
      case FIFO_BACKFILL -> new BackfillScheduler(policies);
      case PRIORITY -> HeadOfLineScheduler.strictPriority(policies);
      case FAIR_SHARE -> new FairShareScheduler(fairShareConfig(placement, seed), USAGE_HALF_LIFE);
      default -> throw new IllegalArgumentException("unknown scheduler '" + name + "'; known: " + String.join(", ", names()));
    };
  }

  /** The scheduler's defaults with the replay's placement policy and seed. */
  public static SchedulerConfig fairShareConfig(String placement, long seed) {
    var defaults = SchedulerConfig.defaults();
    return new SchedulerConfig(placement, defaults.historyWeight(), seed, defaults.evictionAttempts(),
        defaults.reservationDepth());
  }

  static Supplier<PlacementPolicy> policies(ReplayWorkload workload, String placement, long seed) {
    if (!PlacementPolicies.names().contains(placement)) {
      throw new IllegalArgumentException("unknown placement policy '" + placement + "'; known: "
          + String.join(", ", PlacementPolicies.names()));
    }
    List<PodRequest> requests = workload.pods().stream().map(ReplayPod::request).toList();
    var target = TargetWorkload.of(requests, TargetWorkload.DEFAULT_COVERAGE);
    var random = new SplittableRandom(seed);
    return () -> PlacementPolicies.named(placement, target, random.split());
  }
}
