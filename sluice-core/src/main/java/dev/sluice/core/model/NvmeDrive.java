package dev.sluice.core.model;

import java.util.Objects;

/**
 * A local NVMe drive of a node.
 *
 * @param name        the device's name on the host (e.g. {@code "nvme0n1"})
 * @param capacityGib what pods may use of it
 * @param locality    where it sits on the host's buses
 */
public record NvmeDrive(String name, long capacityGib, Locality locality) {
  public NvmeDrive {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("NVMe drive name must not be blank");
    if (capacityGib < 0) throw new IllegalArgumentException("NVMe " + name + ": capacityGib must be >= 0, was " + capacityGib);
    Objects.requireNonNull(locality, "locality");
  }
}
