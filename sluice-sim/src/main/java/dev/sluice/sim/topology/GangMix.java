package dev.sluice.sim.topology;

import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How training gangs are drawn from a trace's multi-GPU pods. Each gang copies one pod, drawn uniformly from the trace's
 * pods with at least two whole GPUs and known creation and deletion times, as many times as its size, drawn
 * log-uniformly from {@code minSize..maxSize} (P(size = k) ∝ ln((k + 1) / k): about as many gangs of 2–3 pods as of 16–31); it runs the pod's lifetime in
 * the trace (deletion − creation), at most {@code maxRuntime}. Gangs arrive as a Poisson process whose rate makes the
 * offered load — the gangs' GPU-seconds over the arrival window — {@code load} × the fleet's GPUs; the first at 0.
 *
 * @param gangs      how many gangs
 * @param minSize    fewest pods a gang has, at least 2
 * @param maxSize    most pods a gang has
 * @param load       offered load as a share of the fleet's GPUs, e.g. 0.9
 * @param maxRuntime longest a gang runs, virtual seconds
 * @param seed       seeds every draw
 */
public record GangMix(int gangs, int minSize, int maxSize, double load, long maxRuntime, long seed) {
  public GangMix {
    if (gangs < 1) throw new IllegalArgumentException("gangs must be at least 1, was " + gangs);
    if (minSize < 2 || maxSize < minSize) {
      throw new IllegalArgumentException("gang sizes must satisfy 2 <= min <= max, were " + minSize + ".." + maxSize);
    }
    if (!(load > 0) || Double.isInfinite(load)) throw new IllegalArgumentException("load must be a number above 0, was " + load);
    if (maxRuntime < 1) throw new IllegalArgumentException("maxRuntime must be at least 1 s, was " + maxRuntime);
  }

  /** The trace's pods a gang may copy: whole multi-GPU pods with a lifetime, in trace order. */
  public static List<TracePod> templates(List<TracePod> trace) {
    return trace.stream()
        .filter(p -> p.request().gpuCount() >= 2 && p.request().gpuMilliPerGpu() == 1000)
        .filter(p -> p.creationTime() != TracePod.ABSENT && p.deletionTime() > p.creationTime())
        .toList();
  }

  /**
   * The gangs, by arrival then id.
   *
   * @throws IllegalArgumentException when the trace has no pod to copy, or one fits no node of the fleet
   */
  public List<TrainingGang> draw(List<TracePod> trace, RackFleet fleet) {
    var templates = templates(trace);
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("the trace has no pod with 2 or more whole GPUs and creation and deletion times");
    }
    for (var t : templates) {
      if (fleet.narrowestLevelHolding(t.request(), 1).isEmpty()) {
        throw new IllegalArgumentException("pod " + t.request().name() + " fits no node of the fleet " + fleet.shape());
      }
    }
    var random = new SplittableRandom(seed);
    var drawn = new ArrayList<TracePod>(gangs);
    var sizes = new int[gangs];
    double gpuSeconds = 0;
    for (int i = 0; i < gangs; i++) {
      var template = templates.get(random.nextInt(templates.size()));
      drawn.add(template);
      sizes[i] = size(random);
      gpuSeconds += (double) sizes[i] * template.request().gpuCount() * runtime(template);
    }
    double meanGap = gpuSeconds / (load * fleet.gpus()) / gangs;
    var result = new ArrayList<TrainingGang>(gangs);
    double arrival = 0;
    for (int i = 0; i < gangs; i++) {
      var template = drawn.get(i);
      result.add(new TrainingGang(i, template.request(), sizes[i], Math.round(arrival), runtime(template)));
      arrival += -meanGap * Math.log(1 - random.nextDouble());
    }
    return List.copyOf(result);
  }

  private int size(SplittableRandom random) {
    double logSize = Math.log(minSize) + random.nextDouble() * (Math.log(maxSize + 1) - Math.log(minSize));
    return Math.min(maxSize, (int) Math.floor(Math.exp(logSize)));
  }

  private long runtime(TracePod pod) {
    return Math.min(maxRuntime, pod.deletionTime() - pod.creationTime());
  }
}
