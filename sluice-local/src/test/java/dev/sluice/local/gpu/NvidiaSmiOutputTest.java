package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.model.Locality;
import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.local.fabric.FakeSysfs;
import dev.sluice.local.fabric.PciLocality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiOutputTest {
  /** A sysfs that lists no device. */
  private static final PciLocality NONE = new PciLocality(Path.of("/nonexistent-sysfs"));

  @TempDir
  Path sysfs;

  @Test
  void readsFourH100sAndLocatesThoseSysfsListsByTheirBusIds() throws IOException {
    var fake = new FakeSysfs(sysfs);
    fake.pciDevice("pci0000:17/0000:17:00.0/0000:19:00.0", 0);
    fake.pciDevice("pci0000:38/0000:38:00.0/0000:3b:00.0", 0);
    fake.pciDevice("pci0000:48/0000:48:00.0/0000:4c:00.0", 1);

    var gpus = NvidiaSmiOutput.parse(sample("dgx-h100.csv"), new PciLocality(sysfs));

    assertThat(gpus).hasSize(4);
    assertThat(gpus.getFirst()).isEqualTo(new DiscoveredGpu(0, "NVIDIA H100 80GB HBM3", 81_559,
        "GPU-2b9c0a4e-6f1d-4c55-9f0e-0d8a4b7c1e21", false, new Locality("pci0000:17", 0)));
    assertThat(gpus).extracting(DiscoveredGpu::index).containsExactly(0, 1, 2, 3);
    assertThat(gpus).extracting(DiscoveredGpu::locality).containsExactly(new Locality("pci0000:17", 0),
        new Locality("pci0000:38", 0), new Locality("pci0000:48", 1), Locality.UNKNOWN);
  }

  @Test
  void skipsBlankLinesAndReadsUnknownMemoryAsZero() throws IOException {
    var gpus = NvidiaSmiOutput.parse(sample("mixed-with-na.csv"), NONE);

    assertThat(gpus).extracting(DiscoveredGpu::model).containsExactly("Tesla T4", "NVIDIA A100-SXM4-40GB");
    assertThat(gpus).extracting(DiscoveredGpu::memoryMib).containsExactly(15_360L, 0L);
  }

  @Test
  void aNameWithACommaIsKeptWhole() {
    var gpus = NvidiaSmiOutput.parse("0, Some GPU, rev 2, 1024, GPU-abc, 00000000:19:00.0\r\n", NONE);

    assertThat(gpus).singleElement().extracting(DiscoveredGpu::model).isEqualTo("Some GPU, rev 2");
  }

  @Test
  void emptyOutputMeansNoGpus() {
    assertThat(NvidiaSmiOutput.parse("", NONE)).isEmpty();
  }

  @Test
  void aShortLineIsRefusedNamingIt() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("0, Tesla T4, 15360, GPU-1, 00000000:19:00.0\n1, Tesla T4\n", NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nvidia-smi output line 2 '1, Tesla T4': expected 5 fields: index, name, memory.total, uuid, pci.bus_id");
  }

  @Test
  void aNonNumericIndexIsRefused() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("x, Tesla T4, 15360, GPU-1, 00000000:19:00.0", NONE))
        .hasMessageContaining("index 'x' is not a non-negative whole number");
  }

  @Test
  void anErrorMessageInsteadOfCsvIsRefused() {
    assertThatThrownBy(() -> NvidiaSmiOutput.parse("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", NONE))
        .hasMessageContaining("line 1");
  }

  private static String sample(String name) throws IOException {
    try (InputStream in = NvidiaSmiOutputTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
