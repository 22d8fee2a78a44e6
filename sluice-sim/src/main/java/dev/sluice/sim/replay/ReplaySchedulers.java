package dev.sluice.sim.replay;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.TargetWorkload;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** The schedulers a replay compares, by name. */
public final class ReplaySchedulers {
  /** One global line by arrival, head-of-line blocking. */
  public static final String FIFO = "fifo";
  /** One global line by priority then arrival, head-of-line blocking. */
  public static final String PRIORITY = "priority";

  private ReplaySchedulers() {
  }

  public static List<String> names() {
    return List.of(FIFO, PRIORITY);
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
      case PRIORITY -> HeadOfLineScheduler.strictPriority(policies);
      default -> throw new IllegalArgumentException("unknown scheduler '" + name + "'; known: " + String.join(", ", names()));
    };
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
