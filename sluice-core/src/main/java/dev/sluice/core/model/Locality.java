package dev.sluice.core.model;

import java.util.Objects;

/**
 * Where a device sits on its host: the PCIe root complex (or switch) it hangs off and the NUMA node of
 * that root. Two devices under one PCIe root exchange data without crossing the CPU's interconnect
 * (GPUDirect RDMA's best case); under one NUMA node they cross no socket link.
 *
 * @param pciRoot  the root's name as the host spells it (e.g. {@code "pci0000:17"}); empty when unknown
 * @param numaNode the NUMA node, or -1 when unknown
 */
public record Locality(String pciRoot, int numaNode) {
  public static final Locality UNKNOWN = new Locality("", -1);

  public Locality {
    Objects.requireNonNull(pciRoot, "pciRoot");
    if (numaNode < -1) throw new IllegalArgumentException("numaNode must be >= -1, was " + numaNode);
  }

  /** Whether both sit under the same known PCIe root. */
  public boolean sharesPciRoot(Locality other) {
    return !pciRoot.isEmpty() && pciRoot.equals(other.pciRoot);
  }

  /** Whether both sit on the same known NUMA node. */
  public boolean sharesNumaNode(Locality other) {
    return numaNode >= 0 && numaNode == other.numaNode;
  }
}
