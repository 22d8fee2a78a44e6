package dev.sluice.sim.fgd;

import java.util.Map;
import java.util.Optional;

/**
 * Unallocated GPU % at arrived = 100 % published for the FGD paper's experiment (Weng et al., ATC'23, and
 * its simulator's expected results): the median of ten seeds for the default trace, the mean for variants.
 */
public final class PublishedResults {
  private static final Map<String, Map<String, Double>> BY_TRACE = Map.ofEntries(
      trace("default", 13.75, 9.44, 8.42, 8.19, 7.09, 4.77),
      trace("cpu050", 10.98, 6.97, 6.48, 6.54, 6.44, 5.00),
      trace("cpu100", 12.56, 8.27, 7.58, 7.50, 6.74, 4.79),
      trace("cpu200", 16.97, 12.55, 10.33, 10.02, 7.85, 5.18),
      trace("cpu250", 20.00, 16.43, 12.25, 11.95, 8.79, 6.80),
      trace("gpushare40", 15.14, 10.70, 10.24, 10.23, 8.56, 6.04),
      trace("gpushare60", 17.19, 13.18, 13.10, 12.85, 10.94, 8.75),
      trace("gpushare80", 19.38, 15.86, 15.50, 15.35, 13.34, 10.92),
      trace("gpushare100", 21.10, 18.02, 17.78, 17.87, 15.38, 13.36),
      trace("multigpu20", 13.08, 8.15, 6.66, 6.50, 6.27, 4.47),
      trace("multigpu30", 13.37, 6.89, 5.45, 5.30, 5.43, 3.64),
      trace("multigpu40", 14.62, 5.96, 4.65, 4.41, 4.90, 3.09));

  private PublishedResults() {
  }

  private static Map.Entry<String, Map<String, Double>> trace(String name, double random, double dotprod,
                                                              double clustering, double packing, double bestfit,
                                                              double fgd) {
    return Map.entry(name, Map.of("random", random, "dotprod", dotprod, "clustering", clustering,
        "packing", packing, "bestfit", bestfit, "fgd", fgd));
  }

  /** The trace's variant name from a pod file name such as {@code openb_pod_list_cpu050.csv}. */
  public static String traceName(String podFileName) {
    var name = podFileName.replaceFirst("\\.csv$", "");
    return name.startsWith("openb_pod_list_") ? name.substring("openb_pod_list_".length()) : name;
  }

  /** The published unallocated % at arrived = 100 for a policy on a trace, if the paper has it. */
  public static Optional<Double> unallocatedAt100(String trace, String policy) {
    return Optional.ofNullable(BY_TRACE.getOrDefault(trace, Map.of()).get(policy));
  }
}
