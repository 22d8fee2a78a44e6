package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.model.Locality;
import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.local.fabric.FakeSysfs;
import dev.sluice.local.fabric.PciLocality;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the FFM binding against a fake NVML built from C here, so that signatures, buffer handling and the
 * nvmlMemory_t layout are checked without a GPU. Needs a C compiler ({@code cc}).
 */
class FakeNvmlIT {
  @TempDir
  static Path dir;
  static Path working;
  static Path failing;

  @BeforeAll
  static void buildFakeLibraries() throws IOException, InterruptedException {
    Path source = dir.resolve("fake_nvml.c");
    try (InputStream in = FakeNvmlIT.class.getResourceAsStream("/fake-nvml/fake_nvml.c")) {
      Files.copy(in, source);
    }
    working = dir.resolve("libfake-nvml.so");
    failing = dir.resolve("libfake-nvml-noinit.so");
    assumeTrue(compile(source, working, List.of()), "a C compiler (cc) is needed to build the fake NVML");
    assertThat(compile(source, failing, List.of("-DFAIL_INIT"))).isTrue();
  }

  @Test
  void readsEachDeviceThroughNvmlAndLocatesItByItsBusId(@TempDir Path sysfs) {
    var fake = new FakeSysfs(sysfs);
    fake.pciDevice("pci0000:17/0000:17:00.0/0000:19:00.0", 0);

    var discovery = NvmlInventory.discover(working.toString(), new PciLocality(sysfs));

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Found.class, found -> {
      assertThat(found.inventory().source()).isEqualTo("NVML (driver 570.86.15)");
      assertThat(found.inventory().gpus()).containsExactly(
          new DiscoveredGpu(0, "Fake H100 80GB HBM3", 81_559, "GPU-fake-0000", false, new Locality("pci0000:17", 0)),
          new DiscoveredGpu(1, "Fake T4", 15_360, "GPU-fake-0001", false, Locality.UNKNOWN));
    });
  }

  @Test
  void aDriverThatDoesNotLoadIsReportedWithNvmlsOwnWords() {
    var discovery = NvmlInventory.discover(failing.toString(), PciLocality.SYSTEM);

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Unavailable.class, unavailable ->
        assertThat(unavailable.reason()).isEqualTo("nvmlInit_v2 failed: Driver Not Loaded (9)"));
  }

  @Test
  void detectionPrefersNvmlToNvidiaSmi() throws InterruptedException {
    var detection = GpuInventories.detect(working.toString(), "sluice-no-such-nvidia-smi", PciLocality.SYSTEM);

    assertThat(detection.inventory().source()).startsWith("NVML");
    assertThat(detection.inventory().gpus()).hasSize(2);
    assertThat(detection.unavailable()).isEmpty();
  }

  private static boolean compile(Path source, Path library, List<String> flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-o", library.toString()));
    command.addAll(flags);
    command.add(source.toString());
    Process cc;
    try {
      cc = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      return false;
    }
    if (!cc.waitFor(60, TimeUnit.SECONDS)) {
      cc.destroyForcibly();
      return false;
    }
    return cc.exitValue() == 0;
  }
}
