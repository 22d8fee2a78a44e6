package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;

/** Whether placement sees what an instance asks of the NICs. */
public enum NicVisibility {
  /** Placement sees the NIC bandwidth and its GPU↔NIC affinity: the core's NIC constraints apply. */
  AWARE("nic-aware"),
  /**
   * Placement sees the request without its NIC part (no bandwidth, no RDMA); NVMe and the density cap stay.
   * The bandwidth is still used once the instance runs ({@link NicLedger}).
   */
  BLIND("nic-blind"),
  /**
   * Placement sees the bandwidth as one amount per node, as an extended resource of a device plugin does, but not
   * which NIC serves which GPU (the request without RDMA: {@code FabricRequest} pools it over the node's NICs). The
   * ablation of GPU↔NIC affinity: what it places is charged near its GPUs once it runs ({@link NicLedger}).
   */
  POOLED("nic-pooled");

  private final String label;

  NicVisibility(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** What placement is shown of {@code truth}. */
  public PodRequest seen(PodRequest truth) {
    if (this == AWARE) return truth;
    var fabric = truth.fabric();
    long mbps = this == POOLED ? fabric.nicMbps() : 0;
    return truth.withFabric(new FabricRequest(mbps, false, fabric.nvmeGib(), fabric.app(), fabric.maxPerNode(), fabric.extended()));
  }
}
