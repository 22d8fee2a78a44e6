package dev.sluice.sim.topology;

import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.sim.report.MetricRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The topology-aware gangs experiment: the same gangs on the same fleet under each policy, through Sluice's scheduler
 * with its default configuration (placement policy {@code sluice}) seeded with {@code seed}.
 */
public record TopologyExperiment(RackFleet fleet, List<TrainingGang> gangs, long seed) {
  public TopologyExperiment {
    Objects.requireNonNull(fleet, "fleet");
    gangs = List.copyOf(gangs);
    if (gangs.isEmpty()) throw new IllegalArgumentException("the experiment needs gangs");
  }

  /** Replays the gangs under each policy in turn, telling {@code done} after each. */
  public List<TopologyResult> run(List<TopologyPolicy> policies, Consumer<TopologyResult> done) {
    var defaults = SchedulerConfig.defaults();
    var config = new SchedulerConfig(defaults.placementPolicy(), defaults.historyWeight(), seed, defaults.evictionAttempts(),
        defaults.reservationDepth());
    var results = new ArrayList<TopologyResult>(policies.size());
    for (var policy : policies) {
      var result = new GangReplay(fleet, gangs, policy, config).run();
      results.add(result);
      done.accept(result);
    }
    return List.copyOf(results);
  }

  /** Every result as {@code summary.csv} rows. */
  public List<MetricRow> rows(List<TopologyResult> results) {
    return results.stream().flatMap(r -> r.rows(fleet.shape()).stream()).toList();
  }

  /** The share of gangs that no single rack of the fleet could hold even empty: these span racks under every policy. */
  public double widerThanARackPct() {
    long wider = gangs.stream().filter(g -> !fleet.narrowestLevelHolding(g.pod(), g.size()).equals(RackFleet.RACK)).count();
    return 100.0 * wider / gangs.size();
  }
}
