/**
 * This host's fabric as sysfs shows it: its NICs ({@link dev.sluice.local.fabric.SysfsNics}: name, line rate,
 * RDMA, PCIe root, NUMA node) and where a PCI device such as a GPU sits ({@link dev.sluice.local.fabric.PciLocality}).
 * The sysfs root is a {@link java.nio.file.Path} so that tests read a tree they made.
 */
package dev.sluice.local.fabric;
