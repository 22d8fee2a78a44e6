package dev.sluice.core.spi;

import java.util.List;

/** The GPUs of this host. */
public interface GpuInventory {
  /** The GPUs found (or declared), by ascending index; empty on a host without GPUs. */
  List<DiscoveredGpu> gpus();

  /** How they were found, for people: e.g. {@code "NVML 12.570"}, {@code "nvidia-smi"}, {@code "simulated"}, {@code "none"}. */
  String source();
}
