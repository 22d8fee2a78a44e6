package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuInventoriesTest {
  @Test
  void aSimulateSpecWinsOverDetection() throws InterruptedException {
    var inventory = GpuInventories.choose(Optional.of("2xA100-40GB"));

    assertThat(inventory.source()).isEqualTo("simulated");
    assertThat(inventory.gpus()).hasSize(2);
  }

  @Test
  void aBadSimulateSpecIsRefused() {
    assertThatThrownBy(() -> GpuInventories.choose(Optional.of("2xA100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad GPU spec part '2xA100'");
  }

  @Test
  void aFixedInventoryRefusesAnIndexTwice() {
    var gpu = SimulatedGpus.parse("T4-16GB").gpus().getFirst();

    assertThatThrownBy(() -> new FixedGpuInventory(java.util.List.of(gpu, gpu), "x"))
        .hasMessage("GPU index 0 appears twice");
  }
}
