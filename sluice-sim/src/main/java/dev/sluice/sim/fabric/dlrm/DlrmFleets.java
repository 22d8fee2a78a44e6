package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.InfrastructureTask;
import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.List;

/**
 * The assumed fleets of the DLRM replay (docs/fabric.md says why): node builds, and fleet sizes derived
 * from the trace's peak demand.
 */
public final class DlrmFleets {
  /**
   * The host's infrastructure work without a DPU: a virtual switch (OVS with DPDK polls with about 4 cores and
   * hugepages) and a storage initiator (NVMe-oF/SPDK, about 2 cores).
   */
  public static final List<InfrastructureTask> INFRASTRUCTURE = List.of(
      new InfrastructureTask("vswitch", 4_000, 4_096), new InfrastructureTask("storage", 2_000, 2_048));

  /** HN: 8 GPUs, 4 RDMA NICs of 200 Gbit/s (one per 2 GPUs), 128 vCPUs, 1 TiB, 2 × 3840 GiB NVMe. */
  public static final HostShape BALANCED_GPU_NODE = new HostShape(128, 1024, 8, 4, 200, 2, 3840, INFRASTRUCTURE);
  /** CN: 256 vCPUs, 1.5 TiB, 2 RDMA NICs of 200 Gbit/s, 2 × 3840 GiB NVMe. */
  public static final HostShape BALANCED_CPU_NODE = new HostShape(256, 1536, 0, 2, 200, 2, 3840, INFRASTRUCTURE);
  /** HN: 8 GPUs, 2 RDMA NICs of 200 Gbit/s (one per 4 GPUs, one per socket), 96 vCPUs, 768 GiB, 2 × 1920 GiB. */
  public static final HostShape LEAN_GPU_NODE = new HostShape(96, 768, 8, 2, 200, 2, 1920, INFRASTRUCTURE);
  /** CN: 256 vCPUs, 1 TiB, 1 RDMA NIC of 200 Gbit/s, 2 × 1920 GiB NVMe. */
  public static final HostShape LEAN_CPU_NODE = new HostShape(256, 1024, 0, 1, 200, 2, 1920, INFRASTRUCTURE);
  /**
   * The fixed fleets have no more nodes than the trace's peak demand needs at least ({@link PeakDemand}): a
   * crowded fleet, the smallest any placement could hope to host the trace on.
   */
  public static final double DEFAULT_HEADROOM = 0;

  private DlrmFleets() {
  }

  /** {@code balanced} and {@code nic-lean}, each sized for {@code trace} with {@code headroom}. */
  public static List<DlrmFleet> standard(List<DlrmInstance> trace, double headroom) {
    return List.of(sized("balanced", BALANCED_GPU_NODE, BALANCED_CPU_NODE, trace, headroom),
        sized("nic-lean", LEAN_GPU_NODE, LEAN_CPU_NODE, trace, headroom));
  }

  /**
   * A fleet of these builds whose HN and CN counts are each the peak-demand bound of {@code trace} (with
   * NIC bandwidth, without DPUs) plus {@code headroom}, rounded up.
   */
  public static DlrmFleet sized(String name, HostShape gpuNode, HostShape cpuNode, List<DlrmInstance> trace, double headroom) {
    if (!(headroom >= 0)) throw new IllegalArgumentException("headroom must be >= 0, was " + headroom);
    var fleet = new DlrmFleet(name, gpuNode, cpuNode, 0, 0);
    return fleet.withSizes(size(fleet, Role.HN, trace, headroom), size(fleet, Role.CN, trace, headroom));
  }

  private static int size(DlrmFleet fleet, Role role, List<DlrmInstance> trace, double headroom) {
    var shape = fleet.shape(role);
    var roleTrace = RoleTrace.of(trace, role, shape.nicMbps());
    int bound = PeakDemand.lowerBound(roleTrace.requests(), roleTrace.events(), shape.node("sizing", false));
    return (int) Math.ceil(bound * (1 + headroom));
  }
}
