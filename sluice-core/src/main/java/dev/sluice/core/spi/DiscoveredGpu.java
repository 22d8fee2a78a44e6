package dev.sluice.core.spi;

import dev.sluice.core.model.Locality;
import java.util.Objects;

/**
 * One GPU of this host as discovery found it.
 *
 * @param index     the device's index as CUDA_VISIBLE_DEVICES counts it
 * @param model     the model name, e.g. {@code "NVIDIA H100 80GB HBM3"}
 * @param memoryMib device memory
 * @param uuid      the device's UUID, or a made-up one for a simulated device
 * @param simulated true when declared for a demo ({@code --simulate-gpus}) rather than found
 * @param locality  its PCIe root and NUMA node; {@link Locality#UNKNOWN} when discovery could not tell (and for
 *                  a simulated device)
 */
public record DiscoveredGpu(int index, String model, long memoryMib, String uuid, boolean simulated, Locality locality) {
  public DiscoveredGpu {
    if (index < 0) throw new IllegalArgumentException("GPU index must be >= 0, was " + index);
    Objects.requireNonNull(model, "model");
    if (memoryMib < 0) throw new IllegalArgumentException("GPU " + index + ": memoryMib must be >= 0");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(locality, "locality");
  }

  /** A GPU whose place on the host's buses is unknown. */
  public DiscoveredGpu(int index, String model, long memoryMib, String uuid, boolean simulated) {
    this(index, model, memoryMib, uuid, simulated, Locality.UNKNOWN);
  }
}
