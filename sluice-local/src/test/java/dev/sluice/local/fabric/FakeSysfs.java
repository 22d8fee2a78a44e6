package dev.sluice.local.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sysfs tree made by hand in a test's directory, linked the way the kernel links the real one: a device
 * directory under {@code devices/pciDDDD:BB/...}, {@code class/net/X} and {@code class/infiniband/Y} as links to
 * directories under it, each with a relative {@code device} link back to its PCI function, and
 * {@code bus/pci/devices/<bus id>} links.
 */
public record FakeSysfs(Path root) {
  /** A PCI function at {@code path} (e.g. {@code pci0000:17/0000:17:00.0/0000:18:00.0}) on NUMA node {@code numa}. */
  public Path pciDevice(String path, int numa) {
    var device = root.resolve("devices").resolve(path);
    write(device.resolve("numa_node"), numa + "\n");
    link(root.resolve("bus/pci/devices").resolve(device.getFileName().toString()), device);
    return device;
  }

  /** An interface of {@code device} whose {@code speed} file reads {@code speed}; none when {@code speed} is null. */
  public void netdev(Path device, String name, String speed) {
    var dir = device.resolve("net").resolve(name);
    if (speed != null) write(dir.resolve("speed"), speed + "\n");
    link(dir.resolve("device"), device);
    link(root.resolve("class/net").resolve(name), dir);
  }

  /** A virtual interface: under {@code devices/virtual/net}, without a {@code device} link. */
  public void virtualNetdev(String name) {
    var dir = root.resolve("devices/virtual/net").resolve(name);
    write(dir.resolve("speed"), "10000\n");
    link(root.resolve("class/net").resolve(name), dir);
  }

  /** An InfiniBand device of {@code device} whose port 1 reads {@code rate}. */
  public void infiniband(Path device, String name, String rate) {
    var dir = device.resolve("infiniband").resolve(name);
    write(dir.resolve("ports/1/rate"), rate + "\n");
    link(dir.resolve("device"), device);
    link(root.resolve("class/infiniband").resolve(name), dir);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A relative symbolic link at {@code link} to {@code target}, as sysfs's are. */
  private static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
