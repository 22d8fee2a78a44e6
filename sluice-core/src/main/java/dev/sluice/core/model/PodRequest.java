package dev.sluice.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * What one pod asks for.
 *
 * @param name              the pod's name
 * @param cpuMilli          CPU in thousandths of a core
 * @param memoryMib         memory
 * @param gpuCount          how many GPUs; 0 for a CPU-only pod
 * @param gpuMilliPerGpu    share of each GPU in thousandths: 1000 for whole GPUs, less for a fraction
 *                          (fractions only with {@code gpuCount == 1}); 0 when {@code gpuCount == 0}
 * @param allowedGpuModels  GPU models the pod may run on; empty means any
 * @param fabric            what it asks of NICs, NVMe, extended resources, and its app's density cap
 */
public record PodRequest(String name, long cpuMilli, long memoryMib, int gpuCount, int gpuMilliPerGpu,
                         Set<String> allowedGpuModels, FabricRequest fabric) {
  public static final int WHOLE_GPU = 1000;

  public PodRequest {
    Objects.requireNonNull(name, "name");
    if (cpuMilli < 0) throw new IllegalArgumentException("pod " + name + ": cpuMilli must be >= 0");
    if (memoryMib < 0) throw new IllegalArgumentException("pod " + name + ": memoryMib must be >= 0");
    if (gpuCount < 0) throw new IllegalArgumentException("pod " + name + ": gpuCount must be >= 0");
    if (gpuCount == 0 && gpuMilliPerGpu != 0) {
      throw new IllegalArgumentException("pod " + name + ": gpuMilliPerGpu must be 0 without GPUs");
    }
    if (gpuCount > 0 && (gpuMilliPerGpu <= 0 || gpuMilliPerGpu > WHOLE_GPU)) {
      throw new IllegalArgumentException("pod " + name + ": gpuMilliPerGpu must be in 1..1000, was " + gpuMilliPerGpu);
    }
    if (gpuCount > 1 && gpuMilliPerGpu != WHOLE_GPU) {
      throw new IllegalArgumentException("pod " + name + ": a fraction of a GPU needs gpuCount 1, was " + gpuCount);
    }
    allowedGpuModels = Set.copyOf(allowedGpuModels);
    Objects.requireNonNull(fabric, "fabric");
  }

  /** A pod that asks nothing of the fabric. */
  public PodRequest(String name, long cpuMilli, long memoryMib, int gpuCount, int gpuMilliPerGpu, Set<String> allowedGpuModels) {
    this(name, cpuMilli, memoryMib, gpuCount, gpuMilliPerGpu, allowedGpuModels, FabricRequest.NONE);
  }

  /** The same pod, allowed only {@code models}. */
  public PodRequest withAllowedGpuModels(Set<String> models) {
    return new PodRequest(name, cpuMilli, memoryMib, gpuCount, gpuMilliPerGpu, models, fabric);
  }

  /** The same pod asking {@code request} of the fabric. */
  public PodRequest withFabric(FabricRequest request) {
    return new PodRequest(name, cpuMilli, memoryMib, gpuCount, gpuMilliPerGpu, allowedGpuModels, request);
  }

  /** Everything placement looks at: the request without its name. */
  public PodShape shape() {
    return PodShape.of(this);
  }

  /** The total of what the pod asks for, GPUs summed over devices. */
  public Resources resources() {
    if (fabric.isNone()) return new Resources(cpuMilli, memoryMib, totalGpuMilli());
    return new Resources(cpuMilli, memoryMib, totalGpuMilli(), fabric.nicMbps(), fabric.nvmeGib(), fabric.extended());
  }

  public long totalGpuMilli() {
    return (long) gpuCount * gpuMilliPerGpu;
  }

  /** The same request under another name, e.g. for a clone. */
  public PodRequest renamed(String newName) {
    return new PodRequest(newName, cpuMilli, memoryMib, gpuCount, gpuMilliPerGpu, allowedGpuModels, fabric);
  }
}
