package dev.sluice.sim.robustness;

import dev.sluice.sim.variant.PodMix;
import java.util.ArrayList;
import java.util.List;

/**
 * The knob values a robustness sweep crosses: every combination of them is a point, except those whose
 * sharing and multi-GPU shares add up to more than all the GPU milli.
 */
public record RobustnessGrid(List<Double> cpuShares, List<Double> sharingShares, List<Double> multiGpuShares,
                             List<Double> gpuSpecShares) {
  public RobustnessGrid {
    cpuShares = List.copyOf(cpuShares);
    sharingShares = List.copyOf(sharingShares);
    multiGpuShares = List.copyOf(multiGpuShares);
    gpuSpecShares = List.copyOf(gpuSpecShares);
    if (cpuShares.isEmpty() || sharingShares.isEmpty() || multiGpuShares.isEmpty() || gpuSpecShares.isEmpty()) {
      throw new IllegalArgumentException("every knob needs at least one value");
    }
  }

  /** The points, CPU share outermost and GPU-spec share innermost. */
  public List<PodMix> points() {
    var points = new ArrayList<PodMix>();
    for (double cpu : cpuShares) {
      for (double sharing : sharingShares) {
        for (double multi : multiGpuShares) {
          if (sharing + multi > 1 + 1e-9) continue;
          for (double spec : gpuSpecShares) points.add(new PodMix(cpu, sharing, multi, spec));
        }
      }
    }
    return List.copyOf(points);
  }
}
