package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvmlInventoryTest {
  @Test
  void aMissingLibraryMakesNvmlUnavailableWithAReason() {
    var discovery = NvmlInventory.discover("libsluice-no-such-nvml.so.1");

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Unavailable.class,
        unavailable -> assertThat(unavailable.reason()).contains("libsluice-no-such-nvml.so.1 cannot be loaded"));
  }

  @Test
  void withNeitherNvmlNorNvidiaSmiThereAreNoGpus() throws InterruptedException {
    List<String> reasons = new ArrayList<>();

    var inventory = GpuInventories.detect("libsluice-no-such-nvml.so.1", "sluice-no-such-nvidia-smi", reasons);

    assertThat(inventory.gpus()).isEmpty();
    assertThat(inventory.source()).isEqualTo("none");
    assertThat(reasons).hasSize(2);
    assertThat(reasons.get(0)).startsWith("NVML: ");
    assertThat(reasons.get(1)).startsWith("nvidia-smi: sluice-no-such-nvidia-smi cannot be run");
  }
}
