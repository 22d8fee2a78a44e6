package dev.sluice.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a pod asks of a node's fabric.
 *
 * <p>Bandwidth of an RDMA pod with GPUs is split evenly over its GPUs and each share is taken from the
 * RDMA NIC nearest that GPU ({@link FabricLayout#gpuNic}), as GPUDirect RDMA needs; every other pod's
 * bandwidth comes from the node's NICs together (a bonded pair, or traffic any NIC may carry), and an RDMA
 * pod without GPUs needs the node to have an RDMA NIC.
 *
 * @param nicMbps    NIC bandwidth in megabits per second; 0 for none
 * @param rdma       whether the bandwidth must be RDMA (with GPUs: near the pod's GPUs)
 * @param nvmeGib    local NVMe capacity
 * @param app        the application the pod is an instance of; empty for none
 * @param maxPerNode at most this many instances of {@code app} on one node; 0 for no limit
 * @param extended   named extended resources and amounts
 */
public record FabricRequest(long nicMbps, boolean rdma, long nvmeGib, String app, int maxPerNode,
                            Map<String, Long> extended) {
  public static final FabricRequest NONE = new FabricRequest(0, false, 0, "", 0, Map.of());
  private static final int NONE_HASH = Objects.hash(NONE.nicMbps, NONE.rdma, NONE.nvmeGib, NONE.app, NONE.maxPerNode, NONE.extended);

  public FabricRequest {
    if (nicMbps < 0) throw new IllegalArgumentException("nicMbps must be >= 0, was " + nicMbps);
    if (nvmeGib < 0) throw new IllegalArgumentException("nvmeGib must be >= 0, was " + nvmeGib);
    Objects.requireNonNull(app, "app");
    if (maxPerNode < 0) throw new IllegalArgumentException("maxPerNode must be >= 0, was " + maxPerNode);
    if (maxPerNode > 0 && app.isEmpty()) throw new IllegalArgumentException("maxPerNode needs an app");
    extended.forEach((name, amount) -> {
      if (name.isBlank() || amount < 0) throw new IllegalArgumentException("extended resource " + name + " must be named and >= 0");
    });
    extended = withoutZeros(extended);
  }

  /** Asking 0 of a resource is asking nothing of it (so that taking and giving back leaves no trace). */
  private static Map<String, Long> withoutZeros(Map<String, Long> amounts) {
    var nonZero = new HashMap<>(amounts);
    nonZero.values().removeIf(amount -> amount == 0);
    return Map.copyOf(nonZero);
  }

  /** NIC bandwidth, RDMA when {@code rdma}. */
  public static FabricRequest nic(long mbps, boolean rdma) {
    return new FabricRequest(mbps, rdma, 0, "", 0, Map.of());
  }

  public FabricRequest withNvme(long gib) {
    return new FabricRequest(nicMbps, rdma, gib, app, maxPerNode, extended);
  }

  /** At most {@code max} instances of {@code appName} per node. */
  public FabricRequest withDensityCap(String appName, int max) {
    return new FabricRequest(nicMbps, rdma, nvmeGib, appName, max, extended);
  }

  public FabricRequest withExtended(Map<String, Long> amounts) {
    return new FabricRequest(nicMbps, rdma, nvmeGib, app, maxPerNode, amounts);
  }

  // Every pod shape's equality and hash pass through here: most pods ask nothing (NONE), so make that cheap.
  @Override
  public boolean equals(Object other) {
    if (this == other) return true;
    return other instanceof FabricRequest o && nicMbps == o.nicMbps && rdma == o.rdma && nvmeGib == o.nvmeGib
        && maxPerNode == o.maxPerNode && app.equals(o.app) && extended.equals(o.extended);
  }

  @Override
  public int hashCode() {
    return this == NONE ? NONE_HASH : Objects.hash(nicMbps, rdma, nvmeGib, app, maxPerNode, extended);
  }

  public boolean isNone() {
    return this == NONE || equals(NONE);
  }
}
