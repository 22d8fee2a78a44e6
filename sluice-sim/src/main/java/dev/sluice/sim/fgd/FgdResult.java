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

  /**
   * A policy against a baseline on the same seeds, at one arrived %.
   *
   * @param meanDifference mean over seeds of (policy − baseline) unallocated %; negative = fewer GPUs idle
   * @param wins           seeds on which the policy leaves strictly less unallocated
   */
  public record PairedDifference(double meanDifference, int wins, int seeds) {}

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

  /** {@code policy} against {@code baseline}, seed by seed, on unallocated % at {@code arrivedPct}. */
  public PairedDifference paired(String policy, String baseline, int arrivedPct) {
    double total = 0;
    int wins = 0;
    int seeds = 0;
    for (var setup : setups) {
      double ours = curve(policy, setup.seed()).unallocatedPct(arrivedPct);
      double theirs = curve(baseline, setup.seed()).unallocatedPct(arrivedPct);
      if (Double.isNaN(ours) || Double.isNaN(theirs)) continue;
      total += ours - theirs;
      if (ours < theirs) wins++;
      seeds++;
    }
    return new PairedDifference(seeds == 0 ? Double.NaN : total / seeds, wins, seeds);
  }

  /** The unallocated % of {@code policy}'s run on {@code seed} at {@code arrivedPct}. */
  public double unallocatedPct(String policy, long seed, int arrivedPct) {
    return curve(policy, seed).unallocatedPct(arrivedPct);
  }

  private ArrivalCurve curve(String policy, long seed) {
    return runs.stream().filter(r -> r.policy().equals(policy) && r.seed() == seed).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run of " + policy + " on seed " + seed)).curve();
  }

  private Map<String, ArrivalCurve> byPolicy(Function<List<ArrivalCurve>, ArrivalCurve> statistic) {
    var curves = new LinkedHashMap<String, ArrivalCurve>();
    for (var policy : policies) {
      curves.put(policy, statistic.apply(runs.stream().filter(r -> r.policy().equals(policy)).map(Run::curve).toList()));
    }
    return curves;
  }
}
