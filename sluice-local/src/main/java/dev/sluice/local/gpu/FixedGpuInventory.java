package dev.sluice.local.gpu;

import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.core.spi.GpuInventory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The GPUs as one discovery found them, kept as they were: a host's GPUs do not change while Sluice runs.
 *
 * @param gpus   by ascending index, indices distinct
 * @param source how they were found, e.g. {@code "nvidia-smi"}
 */
public record FixedGpuInventory(List<DiscoveredGpu> gpus, String source) implements GpuInventory {
  public FixedGpuInventory {
    gpus = gpus.stream().sorted(Comparator.comparingInt(DiscoveredGpu::index)).toList();
    Objects.requireNonNull(source, "source");
    for (int i = 1; i < gpus.size(); i++) {
      if (gpus.get(i).index() == gpus.get(i - 1).index()) {
        throw new IllegalArgumentException("GPU index " + gpus.get(i).index() + " appears twice");
      }
    }
  }

  /** A host without GPUs, or one where nothing could find them. */
  public static FixedGpuInventory none() {
    return new FixedGpuInventory(List.of(), "none");
  }
}
