package dev.sluice.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * The part of a pod request that placement looks at: everything but the name. Pods of one shape are
 * interchangeable for every placement policy, so scores can be computed once per shape.
 */
public record PodShape(long cpuMilli, long memoryMib, int gpuCount, int gpuMilliPerGpu, Set<String> allowedGpuModels,
                       FabricRequest fabric) {
  public PodShape {
    allowedGpuModels = Set.copyOf(allowedGpuModels);
    Objects.requireNonNull(fabric, "fabric");
  }

  /** A shape that asks nothing of the fabric. */
  public PodShape(long cpuMilli, long memoryMib, int gpuCount, int gpuMilliPerGpu, Set<String> allowedGpuModels) {
    this(cpuMilli, memoryMib, gpuCount, gpuMilliPerGpu, allowedGpuModels, FabricRequest.NONE);
  }

  public static PodShape of(PodRequest request) {
    return new PodShape(request.cpuMilli(), request.memoryMib(), request.gpuCount(), request.gpuMilliPerGpu(),
        request.allowedGpuModels(), request.fabric());
  }

  public long totalGpuMilli() {
    return (long) gpuCount * gpuMilliPerGpu;
  }

  public boolean isSharing() {
    return gpuCount == 1 && gpuMilliPerGpu < PodRequest.WHOLE_GPU;
  }

  public boolean allowsModel(String model) {
    return allowedGpuModels.isEmpty() || allowedGpuModels.contains(model);
  }

  /** The bit of the class a pod belongs to, for policies that group alike pods: see {@link PodClass}. */
  public int podClassBit() {
    return PodClass.bit(gpuCount, gpuMilliPerGpu);
  }
}
