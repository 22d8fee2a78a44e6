package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.fabric.PciLocality;
import org.junit.jupiter.api.Test;

class NvmlInventoryTest {
  @Test
  void aMissingLibraryMakesNvmlUnavailableWithAReason() {
    var discovery = NvmlInventory.discover("libsluice-no-such-nvml.so.1", PciLocality.SYSTEM);

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Unavailable.class,
        unavailable -> assertThat(unavailable.reason()).contains("libsluice-no-such-nvml.so.1 cannot be loaded"));
  }

  @Test
  void withNeitherNvmlNorNvidiaSmiThereAreNoGpus() throws InterruptedException {
    var detection = GpuInventories.detect("libsluice-no-such-nvml.so.1", "sluice-no-such-nvidia-smi", PciLocality.SYSTEM);

    assertThat(detection.inventory().gpus()).isEmpty();
    assertThat(detection.inventory().source()).isEqualTo("none");
    assertThat(detection.unavailable()).hasSize(2);
    assertThat(detection.unavailable().get(0)).startsWith("NVML: libsluice-no-such-nvml.so.1 cannot be loaded");
    assertThat(detection.unavailable().get(1)).startsWith("nvidia-smi: sluice-no-such-nvidia-smi cannot be run");
  }
}
