package dev.sluice.sim.variant;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * A trace's pods resampled to another {@link PodMix}. The variant requests as much GPU milli as the source;
 * each GPU kind (sharing, one whole GPU, several GPUs) gets its share of it, CPU-only pods get CPU such that
 * they hold the target share of all CPU, and a share of the GPU pods is tied to GPU models
 * ({@link ModelTies}). A kind's pods are drawn from the source's pods of that kind, by default in
 * {@link Sampling#ROUNDS}, and drawing stops before the first pod that would take the kind past its budget. The result is ordered by the
 * source pods' creation times and renamed {@code openb-pod-0000…}; everything else of a pod is the source's.
 */
public final class WorkloadVariant {
  /** How a kind's pods are drawn from the source's pods of that kind. */
  public enum Sampling {
    /** Each round a seeded shuffle of all of them: every source pod is used once before any is used twice. */
    ROUNDS,
    /** Each pod drawn uniformly and independently, with replacement. */
    INDEPENDENT
  }

  private static final List<PodKind> GPU_KINDS = List.of(PodKind.SHARING, PodKind.ONE_GPU, PodKind.MULTI_GPU);

  private WorkloadVariant() {
  }

  /**
   * @param nodes  the cluster, for the models of pods newly tied to GPU models
   * @param random draws everything; advanced as a side effect
   * @throws IllegalArgumentException when the target needs a kind of pod the source has none of
   */
  public static List<TracePod> of(List<TracePod> source, PodMix target, List<Node> nodes, RandomGenerator random) {
    return of(source, target, nodes, Sampling.ROUNDS, random);
  }

  public static List<TracePod> of(List<TracePod> source, PodMix target, List<Node> nodes, Sampling sampling,
                                  RandomGenerator random) {
    var pools = byKind(source);
    long gpuMilli = source.stream().mapToLong(p -> p.request().totalGpuMilli()).sum();
    var drawn = new ArrayList<TracePod>();
    for (var kind : GPU_KINDS) {
      long budget = Math.round(share(target, kind) * gpuMilli);
      drawn.addAll(draw(pools.get(kind), kind, budget, p -> p.request().totalGpuMilli(), sampling, random));
    }
    drawn.addAll(draw(pools.get(PodKind.CPU_ONLY), PodKind.CPU_ONLY, cpuOnlyBudget(target, drawn),
        p -> p.request().cpuMilli(), sampling, random));
    var tied = ModelTies.apply(drawn, target.gpuSpecShare(), nodes, random);
    return renamed(tied);
  }

  private static Map<PodKind, List<TracePod>> byKind(List<TracePod> source) {
    var pools = new EnumMap<PodKind, List<TracePod>>(PodKind.class);
    for (var kind : PodKind.values()) pools.put(kind, new ArrayList<>());
    for (var pod : source) pools.get(PodKind.of(pod.request())).add(pod);
    return pools;
  }

  private static double share(PodMix target, PodKind kind) {
    return switch (kind) {
      case SHARING -> target.sharingShare();
      case MULTI_GPU -> target.multiGpuShare();
      case ONE_GPU -> target.oneGpuShare();
      case CPU_ONLY -> throw new IllegalArgumentException("CPU-only pods are measured by CPU, not GPU milli");
    };
  }

  /** CPU for CPU-only pods such that they hold the target's share of all CPU: c / (gpuCpu + c) = share. */
  private static long cpuOnlyBudget(PodMix target, List<TracePod> gpuPods) {
    if (target.cpuShare() == 0) return 0;
    if (target.cpuShare() >= 1) throw new IllegalArgumentException("cpu share must be below 1 to leave room for GPU pods");
    long gpuCpu = gpuPods.stream().mapToLong(p -> p.request().cpuMilli()).sum();
    return Math.round(target.cpuShare() / (1 - target.cpuShare()) * gpuCpu);
  }

  private static List<TracePod> draw(List<TracePod> pool, PodKind kind, long budget, ToLongFunction<TracePod> weight,
                                     Sampling sampling, RandomGenerator random) {
    if (budget <= 0) return List.of();
    if (pool.stream().mapToLong(weight).sum() == 0) {
      throw new IllegalArgumentException("the target mix needs " + kind + " pods and the source has none to draw from");
    }
    var next = sampling == Sampling.ROUNDS ? inRounds(pool, random) : independently(pool, random);
    var drawn = new ArrayList<TracePod>();
    long total = 0;
    for (var pod = next.get(); total + weight.applyAsLong(pod) <= budget; pod = next.get()) {
      total += weight.applyAsLong(pod);
      drawn.add(pod);
    }
    return drawn;
  }

  private static Supplier<TracePod> inRounds(List<TracePod> pool, RandomGenerator random) {
    var round = new ArrayList<TracePod>();
    return () -> {
      if (round.isEmpty()) {
        round.addAll(pool);
        Collections.shuffle(round, random);
      }
      return round.removeLast();
    };
  }

  private static Supplier<TracePod> independently(List<TracePod> pool, RandomGenerator random) {
    return () -> pool.get(random.nextInt(pool.size()));
  }

  private static List<TracePod> renamed(List<TracePod> pods) {
    var ordered = new ArrayList<>(pods);
    ordered.sort(Comparator.comparingLong(TracePod::creationTime)); // stable: equal times keep the draw order
    int digits = Math.max(4, Integer.toString(ordered.size() - 1).length());
    var renamed = new ArrayList<TracePod>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      var pod = ordered.get(i);
      PodRequest request = pod.request().renamed(String.format("openb-pod-%0" + digits + "d", i));
      renamed.add(new TracePod(request, pod.qos(), pod.creationTime(), pod.scheduledTime(), pod.deletionTime()));
    }
    return List.copyOf(renamed);
  }
}
