package dev.sluice.core.model;

import java.util.Objects;

/**
 * One GPU of a node.
 *
 * @param index        position of the device inside its node, as the driver numbers it (0-based)
 * @param model        the device's model name, e.g. {@code "V100M32"}
 * @param memoryMib    device memory; 0 when unknown
 * @param uuid         the driver's UUID of the device; empty when unknown
 * @param locality     where the device sits on the host's buses
 * @param nvlinkDomain the NVLink clique the device belongs to; empty when it has none or it is unknown
 */
public record GpuDevice(int index, String model, long memoryMib, String uuid, Locality locality, String nvlinkDomain) {
  public GpuDevice {
    if (index < 0) throw new IllegalArgumentException("GPU index must be >= 0, was " + index);
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) throw new IllegalArgumentException("GPU model must not be blank");
    if (memoryMib < 0) throw new IllegalArgumentException("GPU memoryMib must be >= 0, was " + memoryMib);
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(nvlinkDomain, "nvlinkDomain");
  }

  /** A GPU whose UUID and place on the buses are unknown. */
  public GpuDevice(int index, String model, long memoryMib) {
    this(index, model, memoryMib, "", Locality.UNKNOWN, "");
  }

  /** This device at {@code locality}. */
  public GpuDevice at(Locality where) {
    return new GpuDevice(index, model, memoryMib, uuid, where, nvlinkDomain);
  }
}
