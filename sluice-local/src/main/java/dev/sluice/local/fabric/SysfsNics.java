package dev.sluice.local.fabric;

import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * This host's NICs as sysfs lists them. Every interface of {@code class/net} with a {@code device} link is a
 * NIC (loopback, veth pairs, bridges, bonds and other virtual interfaces have none and are left out); it does
 * RDMA when an InfiniBand device of {@code class/infiniband} is the same PCI function (RoCE or InfiniBand);
 * an InfiniBand device no interface stands for is a NIC of its own under its own name. The line rate is the
 * interface's {@code speed} (Mbit/s), else the first port's {@code rate} of its InfiniBand device
 * ({@code 200 Gb/sec (4X HDR)}); a NIC of neither is skipped with a note. Locality is the device's
 * ({@link PciLocality}).
 */
public final class SysfsNics {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*Gb/sec.*");

  private SysfsNics() {
  }

  /** The NICs of the sysfs tree at {@code sysfs} ({@code /sys} on a real host). */
  public static HostNics read(Path sysfs) {
    var pci = new PciLocality(sysfs);
    Map<Path, String> rdmaByDevice = rdmaDevices(sysfs.resolve("class/infiniband"));
    var nics = new TreeMap<String, NicDevice>();
    var skipped = new ArrayList<String>();
    var devicesWithInterface = new HashSet<Path>();
    for (Path netdev : entries(sysfs.resolve("class/net"))) {
      Path link = netdev.resolve("device");
      Optional<Path> device = realPath(link);
      if (device.isEmpty()) continue;
      devicesWithInterface.add(device.get());
      String name = netdev.getFileName().toString();
      String rdma = rdmaByDevice.get(device.get());
      long mbps = speedMbps(netdev.resolve("speed"));
      if (mbps <= 0 && rdma != null) mbps = rateMbps(sysfs.resolve("class/infiniband").resolve(rdma));
      add(nics, skipped, name, mbps, rdma != null, pci.ofDevice(link));
    }
    rdmaByDevice.forEach((device, name) -> {
      if (devicesWithInterface.contains(device) || nics.containsKey(name)) return;
      Path ib = sysfs.resolve("class/infiniband").resolve(name);
      add(nics, skipped, name, rateMbps(ib), true, pci.ofDevice(ib.resolve("device")));
    });
    return new HostNics(List.copyOf(nics.values()), skipped);
  }

  private static void add(Map<String, NicDevice> nics, List<String> skipped, String name, long mbps, boolean rdma,
                          Locality locality) {
    if (mbps <= 0) {
      skipped.add(name + ": its driver reports no link speed (a down link?), so it offers no bandwidth");
      return;
    }
    nics.put(name, new NicDevice(name, mbps, rdma, locality, Set.of()));
  }

  /** Each InfiniBand device's name by the real path of its PCI function. */
  private static Map<Path, String> rdmaDevices(Path infiniband) {
    var byDevice = new TreeMap<Path, String>();
    for (Path ib : entries(infiniband)) {
      realPath(ib.resolve("device")).ifPresent(device -> byDevice.putIfAbsent(device, ib.getFileName().toString()));
    }
    return byDevice;
  }

  /** An interface's {@code speed}: Mbit/s, or -1 when unknown (a down link, a virtual driver, an unreadable file). */
  private static long speedMbps(Path speed) {
    try {
      return Long.parseLong(Files.readString(speed).strip());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** The rate of the InfiniBand device's first port, in Mbit/s; -1 when it has none that reads. */
  private static long rateMbps(Path ibDevice) {
    for (Path port : entries(ibDevice.resolve("ports"))) {
      try {
        var match = RATE.matcher(Files.readString(port.resolve("rate")).strip());
        if (match.matches()) return new BigDecimal(match.group(1)).movePointRight(3).longValue();
      } catch (IOException e) {
        // the next port may read
      }
    }
    return -1;
  }

  private static Optional<Path> realPath(Path link) {
    try {
      return Optional.of(link.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The entries of {@code dir} by name; none when it does not exist. */
  private static List<Path> entries(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
