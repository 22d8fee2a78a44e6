package dev.sluice.server;

import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.core.spi.GpuInventory;
import java.util.ArrayList;
import java.util.List;

/** A fixed list of GPUs, for tests. */
public record FixedInventory(List<DiscoveredGpu> gpus, String source) implements GpuInventory {
  public FixedInventory {
    gpus = List.copyOf(gpus);
  }

  /** {@code count} simulated 80 GiB GPUs. */
  public static FixedInventory simulated(int count) {
    var gpus = new ArrayList<DiscoveredGpu>();
    for (int i = 0; i < count; i++) gpus.add(new DiscoveredGpu(i, "H100", 81920, "GPU-fake-" + i, true));
    return new FixedInventory(gpus, "simulated");
  }
}
