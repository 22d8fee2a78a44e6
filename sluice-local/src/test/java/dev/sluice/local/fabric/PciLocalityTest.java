package dev.sluice.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Locality;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PciLocalityTest {
  @TempDir
  Path dir;

  @Test
  void findsADeviceByTheBusIdNvidiaToolsPrintOrSysfsUses() {
    var sysfs = new FakeSysfs(dir);
    sysfs.pciDevice("pci0000:17/0000:17:00.0/0000:19:00.0", 0);
    sysfs.pciDevice("pci0000:a3/0000:a3:00.0/0000:ab:00.0", 1);
    var pci = new PciLocality(dir);

    assertThat(pci.ofBusId("00000000:19:00.0")).isEqualTo(new Locality("pci0000:17", 0));
    assertThat(pci.ofBusId("00000000:AB:00.0")).isEqualTo(new Locality("pci0000:a3", 1));
    assertThat(pci.ofBusId("0000:19:00.0")).isEqualTo(new Locality("pci0000:17", 0));
  }

  @Test
  void whatSysfsDoesNotListOrIsNoBusIdIsUnknown() {
    var pci = new PciLocality(dir);

    assertThat(pci.ofBusId("00000000:19:00.0")).isEqualTo(Locality.UNKNOWN);
    assertThat(pci.ofBusId("[N/A]")).isEqualTo(Locality.UNKNOWN);
    assertThat(pci.ofBusId("")).isEqualTo(Locality.UNKNOWN);
  }
}
