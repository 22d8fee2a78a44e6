package dev.sluice.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsNicsTest {
  @TempDir
  Path dir;

  @Test
  void findsPhysicalNicsWithTheirRateRdmaPcieRootAndNumaNode() {
    var sysfs = new FakeSysfs(dir);
    var roce = sysfs.pciDevice("pci0000:17/0000:17:00.0/0000:18:00.0", 0);
    sysfs.netdev(roce, "ens1f0", "100000");
    sysfs.infiniband(roce, "mlx5_0", "100 Gb/sec (4X EDR)");
    var onboard = sysfs.pciDevice("pci0000:00/0000:00:1f.6", -1);
    sysfs.netdev(onboard, "eno1", "1000");

    var found = SysfsNics.read(dir);

    assertThat(found.nics()).containsExactly(
        new NicDevice("eno1", 1_000, false, new Locality("pci0000:00", -1), Set.of()),
        new NicDevice("ens1f0", 100_000, true, new Locality("pci0000:17", 0), Set.of()));
    assertThat(found.skipped()).isEmpty();
  }

  @Test
  void anInfinibandPortGivesTheRateAnInterfaceDoesNotAndOneWithoutInterfaceIsANicOfItsOwn() {
    var sysfs = new FakeSysfs(dir);
    var ipoib = sysfs.pciDevice("pci0000:a3/0000:a3:01.0/0000:a4:00.0", 1);
    sysfs.netdev(ipoib, "ib0", null);
    sysfs.infiniband(ipoib, "mlx5_2", "400 Gb/sec (4X NDR)");
    var bare = sysfs.pciDevice("pci0000:c1/0000:c1:00.0", 1);
    sysfs.infiniband(bare, "mlx5_3", "2.5 Gb/sec (1X SDR)");

    var found = SysfsNics.read(dir);

    assertThat(found.nics()).containsExactly(
        new NicDevice("ib0", 400_000, true, new Locality("pci0000:a3", 1), Set.of()),
        new NicDevice("mlx5_3", 2_500, true, new Locality("pci0000:c1", 1), Set.of()));
  }

  @Test
  void leavesOutVirtualInterfacesSilentlyAndLinksWithoutSpeedWithANote() {
    var sysfs = new FakeSysfs(dir);
    sysfs.virtualNetdev("lo");
    sysfs.virtualNetdev("veth1a2b");
    sysfs.virtualNetdev("docker0");
    var down = sysfs.pciDevice("pci0000:00/0000:00:03.0", 0);
    sysfs.netdev(down, "eth0", "-1");

    var found = SysfsNics.read(dir);

    assertThat(found.nics()).isEmpty();
    assertThat(found.skipped()).containsExactly("eth0: its driver reports no link speed (a down link?), so it offers no bandwidth");
  }

  @Test
  void aHostWithoutSysfsHasNoNics() {
    assertThat(SysfsNics.read(dir.resolve("missing"))).isEqualTo(HostNics.NONE);
  }
}
