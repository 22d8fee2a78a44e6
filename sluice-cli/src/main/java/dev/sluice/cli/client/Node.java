package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A node, its GPUs with what runs on each, and its NICs, as {@code GET /api/v1/nodes} returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Node(String name, long cpuMilli, long memoryMib, String gpuSource, List<Gpu> gpus, List<Nic> nics) {
  public Node {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    nics = nics == null ? List.of() : List.copyOf(nics);
  }

  /** One GPU: its model, memory, how much of it is allocated (milli), the jobs on it, and where it sits. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Gpu(int index, String model, long memoryMib, String uuid, boolean simulated, long allocatedMilli,
                    List<String> jobs, String pciRoot, Integer numaNode) {
    public Gpu {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    public String locality() {
      return Node.locality(pciRoot, numaNode);
    }
  }

  /** One NIC: its line rate, whether it does RDMA, and where it sits. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Nic(String name, long bandwidthMbps, boolean rdma, String pciRoot, Integer numaNode) {
    public String locality() {
      return Node.locality(pciRoot, numaNode);
    }
  }

  /** {@code pci0000:17 numa0}; {@code -} for what is unknown. */
  static String locality(String pciRoot, Integer numaNode) {
    return (pciRoot == null ? "-" : pciRoot) + " " + (numaNode == null ? "-" : "numa" + numaNode);
  }
}
