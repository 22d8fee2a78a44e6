package dev.sluice.core.placement;

import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pods a cluster expects, as classes with probabilities: the most frequent request shapes of a
 * workload that together cover a share of its pods (the FGD paper's "target workload"), and beside them the
 * whole frequency table, rare kinds included.
 *
 * @param kinds    the most frequent kinds, probabilities renormalised over them (what FGD scores against)
 * @param allKinds every kind, with its share of all pods (what {@link HostScarcity} watches)
 */
public record TargetWorkload(List<PodKind> kinds, List<PodKind> allKinds) {
  public static final double DEFAULT_COVERAGE = 0.95;

  /**
   * One kind of pod and how likely it is. Memory is not part of a kind.
   *
   * @param probability share of the target workload; the kinds' probabilities add up to 1
   */
  public record PodKind(long cpuMilli, int gpuCount, int gpuMilliPerGpu, Set<String> allowedGpuModels,
                        double probability) {
    public PodKind {
      allowedGpuModels = Set.copyOf(allowedGpuModels);
      if (!(probability > 0 && probability <= 1)) throw new IllegalArgumentException("probability " + probability);
    }

    public boolean allowsModel(String model) {
      return allowedGpuModels.isEmpty() || allowedGpuModels.contains(model);
    }

    private String modelsKey() {
      return String.join("|", new TreeSet<>(allowedGpuModels));
    }
  }

  public TargetWorkload {
    kinds = List.copyOf(kinds);
    allKinds = List.copyOf(allKinds);
    if (kinds.isEmpty()) throw new IllegalArgumentException("a target workload needs at least one kind of pod");
    if (allKinds.isEmpty()) throw new IllegalArgumentException("a target workload's table needs at least one kind");
  }

  /** The mean CPU milli a pod asks, over the whole table (CPU-only pods included). */
  public double meanCpuMilliPerPod() {
    double mean = 0;
    for (var kind : allKinds) mean += kind.probability() * kind.cpuMilli();
    return mean;
  }

  /** The mean GPU milli a pod asks, over the whole table (CPU-only pods included). */
  public double meanGpuMilliPerPod() {
    double mean = 0;
    for (var kind : allKinds) mean += kind.probability() * kind.gpuCount() * kind.gpuMilliPerGpu();
    return mean;
  }

  /** A workload whose frequent kinds are its whole table. */
  public TargetWorkload(List<PodKind> kinds) {
    this(kinds, kinds);
  }

  /**
   * The most frequent kinds of {@code pods} (by CPU, GPU count, GPU milli and allowed models) that cover at
   * least {@code coverage} of them, most frequent first, with probabilities renormalised to sum to 1.
   * Equally frequent kinds are ordered by descending CPU, GPU milli, GPU count, then models.
   */
  public static TargetWorkload of(List<PodRequest> pods, double coverage) {
    if (pods.isEmpty()) throw new IllegalArgumentException("no pods to build a target workload from");
    if (!(coverage > 0 && coverage <= 1)) throw new IllegalArgumentException("coverage must be in (0, 1]");
    var counts = new HashMap<PodKind, Integer>();
    for (var pod : pods) {
      var kind = new PodKind(pod.cpuMilli(), pod.gpuCount(), pod.gpuMilliPerGpu(), pod.allowedGpuModels(), 1);
      counts.merge(kind, 1, Integer::sum);
    }
    var ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(Comparator.<Map.Entry<PodKind, Integer>>comparingInt(Map.Entry::getValue)
        .thenComparing(Map.Entry::getKey, byKindDescending())
        .reversed());
    int chosen = 0;
    long covered = 0;
    while (chosen < ranked.size() && covered < coverage * pods.size()) covered += ranked.get(chosen++).getValue();
    return new TargetWorkload(withShares(ranked.subList(0, chosen), covered), withShares(ranked, pods.size()));
  }

  private static List<PodKind> withShares(List<Map.Entry<PodKind, Integer>> counted, long total) {
    var kinds = new ArrayList<PodKind>(counted.size());
    for (var entry : counted) {
      var k = entry.getKey();
      kinds.add(new PodKind(k.cpuMilli(), k.gpuCount(), k.gpuMilliPerGpu(), k.allowedGpuModels(),
          (double) entry.getValue() / total));
    }
    return kinds;
  }

  private static Comparator<PodKind> byKindDescending() {
    return Comparator.comparingLong(PodKind::cpuMilli)
        .thenComparingInt(PodKind::gpuMilliPerGpu)
        .thenComparingInt(PodKind::gpuCount)
        .thenComparing(PodKind::modelsKey);
  }
}
