package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.spi.DiscoveredGpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedGpusTest {
  @Test
  void fourH100sAreNumberedFromZeroWithTheirMemoryInMib() {
    var inventory = SimulatedGpus.parse("4xH100-80GB");

    assertThat(inventory.source()).isEqualTo("simulated");
    assertThat(inventory.gpus()).extracting(DiscoveredGpu::index).containsExactly(0, 1, 2, 3);
    assertThat(inventory.gpus()).allSatisfy(gpu -> {
      assertThat(gpu.model()).isEqualTo("H100");
      assertThat(gpu.memoryMib()).isEqualTo(80 * 1024);
      assertThat(gpu.simulated()).isTrue();
      assertThat(gpu.uuid()).startsWith("SIM-");
    });
    assertThat(inventory.gpus()).extracting(DiscoveredGpu::uuid).doesNotHaveDuplicates();
  }

  @Test
  void groupsFollowEachOtherInTheOrderWritten() {
    var gpus = SimulatedGpus.parse("2xA100-40GB, 1xT4-16GiB").gpus();

    assertThat(gpus).extracting(DiscoveredGpu::model).containsExactly("A100", "A100", "T4");
    assertThat(gpus).extracting(DiscoveredGpu::memoryMib).containsExactly(40_960L, 40_960L, 16_384L);
    assertThat(gpus).extracting(DiscoveredGpu::index).containsExactly(0, 1, 2);
  }

  @Test
  void theCountMayBeLeftOutAndTheModelMayHoldDashes() {
    var gpus = SimulatedGpus.parse("RTX-4090-24gb").gpus();

    assertThat(gpus).singleElement().satisfies(gpu -> {
      assertThat(gpu.model()).isEqualTo("RTX-4090");
      assertThat(gpu.memoryMib()).isEqualTo(24 * 1024);
    });
  }

  @Test
  void theSameSpecGivesTheSameUuids() {
    assertThat(SimulatedGpus.parse("2xH100-80GB").gpus()).isEqualTo(SimulatedGpus.parse("2xH100-80GB").gpus());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "4xH100;                 bad GPU spec part '4xH100': expected [COUNTx]MODEL-MEMORYGB",
      "4xH100-80GB,;           bad GPU spec part '': expected",
      "0xH100-80GB;            bad GPU spec part '0xH100-80GB': count must be 1..64, was 0",
      "65xH100-80GB;           count must be 1..64, was 65",
      "2xH100-0GB;             bad GPU spec part '2xH100-0GB': memory in GB must be 1..4096, was 0",
      "2xH100-80TB;            bad GPU spec part '2xH100-80TB'",
      "2xH100-99999999999999999999GB; memory in GB 99999999999999999999 is too large",
      "64xA-1GB,64xB-1GB,64xC-1GB,64xD-1GB,1xE-1GB; bad GPU spec part '1xE-1GB': more than 256 GPUs in all",
      "2xH 100-80GB;           bad GPU spec part '2xH 100-80GB'"})
  void aBadSpecIsRefusedNamingTheBadPart(String spec, String message) {
    assertThatThrownBy(() -> SimulatedGpus.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void anEmptySpecIsRefused() {
    assertThatThrownBy(() -> SimulatedGpus.parse(" ")).hasMessageContaining("GPU spec is empty");
  }
}
