package dev.sluice.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * A network card of a node: a plain NIC, an RDMA NIC, or a DPU that also runs infrastructure work the
 * host's CPU would otherwise do.
 *
 * @param name          the device's name on the host (e.g. {@code "mlx5_0"})
 * @param bandwidthMbps line rate in megabits per second
 * @param rdma          whether it does RDMA (InfiniBand or RoCE)
 * @param locality      where it sits on the host's buses
 * @param offloads      the kinds of {@link InfrastructureTask} it runs in place of the host (a DPU); empty
 *                      for a NIC
 */
public record NicDevice(String name, long bandwidthMbps, boolean rdma, Locality locality, Set<String> offloads) {
  public NicDevice {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("NIC name must not be blank");
    if (bandwidthMbps <= 0) throw new IllegalArgumentException("NIC " + name + ": bandwidthMbps must be > 0, was " + bandwidthMbps);
    Objects.requireNonNull(locality, "locality");
    offloads = Set.copyOf(offloads);
  }

  /** An RDMA NIC that offloads nothing. */
  public static NicDevice rdma(String name, long bandwidthMbps, Locality locality) {
    return new NicDevice(name, bandwidthMbps, true, locality, Set.of());
  }

  public boolean isDpu() {
    return !offloads.isEmpty();
  }
}
