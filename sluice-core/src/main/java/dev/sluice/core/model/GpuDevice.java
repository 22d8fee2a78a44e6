package dev.sluice.core.model;

import java.util.Objects;

/**
 * One GPU of a node.
 *
 * @param index     position of the device inside its node, as the driver numbers it (0-based)
 * @param model     the device's model name, e.g. {@code "V100M32"}
 * @param memoryMib device memory; 0 when unknown
 */
public record GpuDevice(int index, String model, long memoryMib) {
  public GpuDevice {
    if (index < 0) throw new IllegalArgumentException("GPU index must be >= 0, was " + index);
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) throw new IllegalArgumentException("GPU model must not be blank");
    if (memoryMib < 0) throw new IllegalArgumentException("GPU memoryMib must be >= 0, was " + memoryMib);
  }
}
