package dev.sluice.local.fabric;

import dev.sluice.core.model.Locality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PCI device sits on this host, read from sysfs: the PCIe root complex is the {@code pciDDDD:BB}
 * directory its real path runs through (e.g. {@code /sys/devices/pci0000:17/0000:17:00.0/0000:18:00.0}), the
 * NUMA node is its {@code numa_node} file ({@code -1} when the platform does not say).
 */
public final class PciLocality {
  /** This machine's sysfs. */
  public static final PciLocality SYSTEM = new PciLocality(Path.of("/sys"));
  private static final Pattern ROOT = Pattern.compile("pci[0-9a-f]{4,8}:[0-9a-f]{2}");
  private static final Pattern BUS_ID =
      Pattern.compile("([0-9a-f]{1,8}):([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])", Pattern.CASE_INSENSITIVE);
  private final Path sysfs;

  /** @param sysfs where sysfs is mounted: {@code /sys}, or a tree a test made */
  public PciLocality(Path sysfs) {
    this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
  }

  public Path sysfs() {
    return sysfs;
  }

  /**
   * The locality of the device {@code deviceLink} leads to (such as {@code class/net/eth0/device});
   * {@link Locality#UNKNOWN} when there is no such device.
   */
  public Locality ofDevice(Path deviceLink) {
    Path device;
    try {
      device = deviceLink.toRealPath();
    } catch (IOException e) {
      return Locality.UNKNOWN;
    }
    String root = "";
    for (Path part : device) {
      if (ROOT.matcher(part.toString()).matches()) {
        root = part.toString();
        break;
      }
    }
    return new Locality(root, numaNode(device.resolve("numa_node")));
  }

  /**
   * The locality of the device with PCI bus id {@code busId} as NVML and nvidia-smi print it
   * ({@code 00000000:17:00.0}, an 8-digit domain) or sysfs names it ({@code 0000:17:00.0});
   * {@link Locality#UNKNOWN} for an id of neither form or a device sysfs does not list.
   */
  public Locality ofBusId(String busId) {
    var match = BUS_ID.matcher(busId.strip());
    if (!match.matches()) return Locality.UNKNOWN;
    long domain = HexFormat.fromHexDigitsToLong(match.group(1));
    String name = "%04x:%s:%s.%s".formatted(domain, match.group(2), match.group(3), match.group(4)).toLowerCase(java.util.Locale.ROOT);
    return ofDevice(sysfs.resolve("bus/pci/devices").resolve(name));
  }

  /** The node a {@code numa_node} file names; -1 when it is absent, unreadable or says -1. */
  private static int numaNode(Path file) {
    try {
      int node = Integer.parseInt(Files.readString(file).strip());
      return node < 0 ? -1 : node;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
