package dev.sluice.sim.fgd;

import dev.sluice.core.placement.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The outcome of an {@link FgdExperiment}: one curve per run, and per policy the median over seeds. */
public record FgdResult(List<String> policies, List<SeedSetup> setups, List<Run> runs) {
  /**
   * One run.
   *
   * @param placements the decision for each arrival, in order; null unless kept
   */
  public record Run(String policy, long seed, ArrivalCurve curve, Decision[] placements) {}

  public FgdResult {
    policies = List.copyOf(policies);
    setups = List.copyOf(setups);
    runs = List.copyOf(runs);
  }

  /** Each policy's median curve over the seeds, in the order the policies were given. */
  public Map<String, ArrivalCurve> medians() {
    return byPolicy(ArrivalCurve::median);
  }

  /** Each policy's mean curve over the seeds, in the order the policies were given. */
  public Map<String, ArrivalCurve> means() {
    return byPolicy(ArrivalCurve::mean);
  }

  private Map<String, ArrivalCurve> byPolicy(Function<List<ArrivalCurve>, ArrivalCurve> statistic) {
    var curves = new LinkedHashMap<String, ArrivalCurve>();
    for (var policy : policies) {
      curves.put(policy, statistic.apply(runs.stream().filter(r -> r.policy().equals(policy)).map(Run::curve).toList()));
    }
    return curves;
  }
}
