package dev.sluice.sim.trace;

import java.util.Objects;

/**
 * One inference instance of the Alibaba 2025 disaggregated DLRM trace (Prism, NSDI'25), in the simulator's
 * units.
 *
 * @param name        the trace's {@code instance_sn}
 * @param role        whether it runs on a CPU node (CN) or a GPU node (HN)
 * @param app         the application (service) it is an instance of
 * @param cpuMilli    CPU in thousandths of a vCPU
 * @param gpus        whole GPUs
 * @param rdmaPercent share of one RDMA NIC's bandwidth, 0..100
 * @param memoryMib   memory (the trace's GiB × 1024)
 * @param diskGib     local disk, rounded up to whole GiB
 * @param maxPerNode  at most this many instances of {@code app} per node; 0 for no limit (the trace's -1)
 * @param createdMs   milliseconds since the trace's start; {@link #BEFORE_START} when it already ran then
 * @param deletedMs   milliseconds since the trace's start; {@link #AFTER_END} when it outlived the trace
 * @param row         0-based position in the file, the tie-break between instances
 */
public record DlrmInstance(String name, Role role, String app, long cpuMilli, int gpus, double rdmaPercent,
                           long memoryMib, long diskGib, int maxPerNode, long createdMs, long deletedMs, int row) {
  public static final long BEFORE_START = -1;
  public static final long AFTER_END = Long.MAX_VALUE;

  /** Where an instance runs: CPU nodes (CN) or heterogeneous GPU nodes (HN). */
  public enum Role { CN, HN }

  public DlrmInstance {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(app, "app");
    if (cpuMilli < 0 || gpus < 0 || memoryMib < 0 || diskGib < 0 || maxPerNode < 0) {
      throw new IllegalArgumentException("instance " + name + ": amounts must be >= 0");
    }
    if (!(rdmaPercent >= 0 && rdmaPercent <= 100)) {
      throw new IllegalArgumentException("instance " + name + ": rdmaPercent must be in 0..100, was " + rdmaPercent);
    }
    if (createdMs < BEFORE_START || deletedMs < 0) throw new IllegalArgumentException("instance " + name + ": bad times");
  }

  public boolean existedAtStart() {
    return createdMs == BEFORE_START;
  }

  /** When it arrives in a replay: its creation, or 0 for an instance that already ran at the start. */
  public long arrivalMs() {
    return existedAtStart() ? 0 : createdMs;
  }
}
