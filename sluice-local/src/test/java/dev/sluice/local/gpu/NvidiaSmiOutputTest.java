package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.spi.DiscoveredGpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NvidiaSmiOutputTest {
  @Test
  void readsFourH100s() throws IOException {
    var gpus = NvidiaSmiOutput.parse(sample("dgx-h100.csv"));

    assertThat(gpus).hasSize(4);
    assertThat(gpus.getFirst()).isEqualTo(new DiscoveredGpu(0, "NVIDIA H100 80GB HBM3", 81_559,
        "GPU-2b9c0a4e-6f1d-4c55-9f0e-0d8a4b7c1e21", false));
    assertThat(gpus).extracting(DiscoveredGpu::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void skipsBlankLinesAndReadsUnknownMemoryAsZero() throws IOException {
    var gpus = NvidiaSmiOutput.parse(sample("mixed-with-na.csv"));

    assertThat(gpus).extracting(DiscoveredGpu::model).containsExactly("Tesla T4", "NVIDIA A100-SXM4-40GB");
    assertThat(gpus).extracting(DiscoveredGpu::memoryMib).containsExactly(15_360L, 0L);
  }

  @Test
  void aNameWithACommaIsKeptWhole() {
    var gpus = NvidiaSmiOutput.parse("0, Some GPU, rev 2, 1024, GPU-abc\r\n");

    assertThat(gpus).singleElement().extracting(DiscoveredGpu::model).isEqualTo("Some GPU, rev 2");
  }

  @Test
  void emptyOutputMeansNoGpus() {
    assertThat(NvidiaSmiOutput.parse("")).isEmpty();
  }

  @Test
  void aShortLineIsRefusedNamingIt() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("0, Tesla T4, 15360, GPU-1\n1, Tesla T4\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nvidia-smi output line 2 '1, Tesla T4': expected 4 fields: index, name, memory.total, uuid");
  }

  @Test
  void aNonNumericIndexIsRefused() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("x, Tesla T4, 15360, GPU-1"))
        .hasMessageContaining("index 'x' is not a non-negative whole number");
  }

  @Test
  void anErrorMessageInsteadOfCsvIsRefused() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."))
        .hasMessageContaining("line 1");
  }

  private static String sample(String name) throws IOException {
    try (InputStream in = NvidiaSmiOutputTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
