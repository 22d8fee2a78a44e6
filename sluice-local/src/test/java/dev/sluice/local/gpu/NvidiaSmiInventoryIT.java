package dev.sluice.local.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.fabric.PciLocality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a stand-in {@code nvidia-smi} (a shell script) as a real process. */
class NvidiaSmiInventoryIT {
  @TempDir
  Path dir;

  @Test
  void readsWhatTheProgramPrintsAndChecksItWasAskedTheRightQuery() throws Exception {
    Path smi = script("""
        [ "$1 $2" = "%s %s" ] || { echo "unexpected arguments: $*" >&2; exit 2; }
        echo '0, NVIDIA H100 80GB HBM3, 81559, GPU-aaaa, 00000000:19:00.0'
        echo '1, NVIDIA H100 80GB HBM3, 81559, GPU-bbbb, 00000000:3B:00.0'
        """.formatted(NvidiaSmiInventory.QUERY.get(0), NvidiaSmiInventory.QUERY.get(1)));

    var discovery = NvidiaSmiInventory.discover(smi.toString(), PciLocality.SYSTEM);

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Found.class, found -> {
      assertThat(found.inventory().source()).isEqualTo("nvidia-smi");
      assertThat(found.inventory().gpus()).hasSize(2);
      assertThat(found.inventory().gpus().get(1).uuid()).isEqualTo("GPU-bbbb");
    });
  }

  @Test
  void aFailingProgramIsUnavailableWithItsFirstLine() throws Exception {
    Path smi = script("""
        echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
        exit 9
        """);

    var discovery = NvidiaSmiInventory.discover(smi.toString(), PciLocality.SYSTEM);

    assertThat(discovery).isInstanceOfSatisfying(Discovery.Unavailable.class, unavailable ->
        assertThat(unavailable.reason()).contains("failed (exit 9): NVIDIA-SMI has failed"));
  }

  @Test
  void garbledOutputIsUnavailableNamingTheLine() throws Exception {
    Path smi = script("echo 'this is not csv'\n");

    assertThat(NvidiaSmiInventory.discover(smi.toString(), PciLocality.SYSTEM)).isInstanceOfSatisfying(Discovery.Unavailable.class,
        unavailable -> assertThat(unavailable.reason()).contains("line 1 'this is not csv'"));
  }

  @Test
  void detectionFallsBackToNvidiaSmiWithoutNvml() throws Exception {
    Path smi = script("echo '0, Tesla T4, 15360, GPU-t4, 00000000:00:1E.0'\n");
    var detection = GpuInventories.detect("libsluice-no-such-nvml.so.1", smi.toString(), PciLocality.SYSTEM);

    assertThat(detection.inventory().source()).isEqualTo("nvidia-smi");
    assertThat(detection.inventory().gpus()).singleElement().extracting(gpu -> gpu.model()).isEqualTo("Tesla T4");
    assertThat(detection.unavailable()).singleElement().asString().startsWith("NVML: ");
  }

  private Path script(String body) throws IOException {
    Path file = dir.resolve("nvidia-smi");
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
