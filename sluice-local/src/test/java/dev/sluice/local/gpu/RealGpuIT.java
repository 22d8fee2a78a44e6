package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.spi.DiscoveredGpu;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** On a host with an NVIDIA driver: NVML finds at least one GPU. Skipped (an assumption) where there is none. */
@Tag("gpu")
class RealGpuIT {
  @Test
  void nvmlFindsTheGpusOfThisHost() {
    var discovery = NvmlInventory.discover();
    assumeTrue(discovery instanceof Discovery.Found, () -> "no NVML here: " + discovery);

    var inventory = ((Discovery.Found) discovery).inventory();
    assertThat(inventory.source()).matches("NVML \\(driver [0-9.]+\\)");
    assertThat(inventory.gpus()).isNotEmpty().allSatisfy(gpu -> {
      assertThat(gpu.memoryMib()).isGreaterThan(1024);
      assertThat(gpu.uuid()).startsWith("GPU-");
      assertThat(gpu.simulated()).isFalse();
    });
    assertThat(inventory.gpus()).extracting(DiscoveredGpu::index)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, inventory.gpus().size()).boxed().toList());
  }
}
