package dev.sluice.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a node's fabric that placement needs, without device names, so that nodes built alike share
 * it: each NIC's bandwidth, whether it does RDMA, the RDMA NIC each GPU reaches best, local NVMe and
 * extended resources.
 *
 * @param nicMbps  bandwidth of each NIC, by NIC index
 * @param nicRdma  whether each NIC does RDMA, by NIC index
 * @param gpuNic   for each GPU (by index) the RDMA NIC under the same PCIe root, else on the same NUMA node,
 *                 else -1; several candidates are shared out so that each serves as few GPUs as possible
 * @param nvmeGib  local NVMe capacity
 * @param extended named extended resources and their amounts
 */
public record FabricLayout(List<Long> nicMbps, List<Boolean> nicRdma, List<Integer> gpuNic, long nvmeGib,
                           Map<String, Long> extended) {
  public static final FabricLayout NONE = new FabricLayout(List.of(), List.of(), List.of(), 0, Map.of());

  public FabricLayout {
    nicMbps = List.copyOf(nicMbps);
    nicRdma = List.copyOf(nicRdma);
    gpuNic = List.copyOf(gpuNic);
    extended = Map.copyOf(extended);
    if (nicRdma.size() != nicMbps.size()) throw new IllegalArgumentException("one RDMA flag per NIC");
    for (int nic : gpuNic) {
      if (nic < -1 || nic >= nicMbps.size()) throw new IllegalArgumentException("GPU's NIC " + nic + " is not a NIC");
    }
  }

  public static FabricLayout of(Node node) {
    var fabric = node.fabric();
    if (fabric == NodeFabric.NONE || fabric.equals(NodeFabric.NONE)) return NONE;
    var mbps = fabric.nics().stream().map(NicDevice::bandwidthMbps).toList();
    var rdma = fabric.nics().stream().map(NicDevice::rdma).toList();
    return new FabricLayout(mbps, rdma, nearestNics(node), fabric.nvmeGib(), fabric.extended());
  }

  private static List<Integer> nearestNics(Node node) {
    var nics = node.fabric().nics();
    var served = new int[nics.size()];
    var nearest = new ArrayList<Integer>(node.gpuCount());
    for (var gpu : node.gpus()) {
      int nic = leastServed(nics, served, gpu.locality(), true);
      if (nic < 0) nic = leastServed(nics, served, gpu.locality(), false);
      if (nic >= 0) served[nic]++;
      nearest.add(nic);
    }
    return nearest;
  }

  /** The RDMA NIC near {@code gpu} (same PCIe root, or same NUMA node) that serves the fewest GPUs so far. */
  private static int leastServed(List<NicDevice> nics, int[] served, Locality gpu, boolean samePciRoot) {
    int best = -1;
    for (int i = 0; i < nics.size(); i++) {
      var nic = nics.get(i);
      boolean near = samePciRoot ? nic.locality().sharesPciRoot(gpu) : nic.locality().sharesNumaNode(gpu);
      if (nic.rdma() && near && (best < 0 || served[i] < served[best])) best = i;
    }
    return best;
  }

  // Every node state's equality and hash pass through here: nodes without a fabric share NONE, so make that cheap.
  @Override
  public boolean equals(Object other) {
    if (this == other) return true;
    return other instanceof FabricLayout o && nvmeGib == o.nvmeGib && nicMbps.equals(o.nicMbps) && nicRdma.equals(o.nicRdma)
        && gpuNic.equals(o.gpuNic) && extended.equals(o.extended);
  }

  @Override
  public int hashCode() {
    // Few layouts exist in a cluster: a cheap hash (equal layouts agree on it) serves the node states' maps.
    return 31 * (31 * nicMbps.size() + gpuNic.size()) + Long.hashCode(nvmeGib) + extended.size();
  }

  public int nicCount() {
    return nicMbps.size();
  }

  public boolean hasRdma() {
    return nicRdma.contains(true);
  }

  public long totalNicMbps() {
    long total = 0;
    for (long mbps : nicMbps) total += mbps;
    return total;
  }
}
