package dev.sluice.server.bench;

import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.core.spi.GpuInventory;
import java.util.ArrayList;
import java.util.List;

/** A host of simulated H100s for the benchmarks: no process ever runs on them. */
final class BenchGpus implements GpuInventory {
  private final List<DiscoveredGpu> gpus;

  BenchGpus(int count) {
    var devices = new ArrayList<DiscoveredGpu>();
    for (int i = 0; i < count; i++) devices.add(new DiscoveredGpu(i, "H100", 81920, "GPU-bench-" + i, true));
    this.gpus = List.copyOf(devices);
  }

  @Override
  public List<DiscoveredGpu> gpus() {
    return gpus;
  }

  @Override
  public String source() {
    return "simulated";
  }
}
