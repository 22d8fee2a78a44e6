package dev.sluice.sim.fabric.dlrm;

/**
 * How the DLRM experiments run.
 *
 * @param seed          seeds the tie order among equally scored nodes
 * @param sampleEveryMs how often (simulated time) stranding and NIC oversubscription are sampled
 * @param nodesNeeded   whether to search for the smallest fleet that hosts the trace (many replays)
 */
public record DlrmOptions(long seed, long sampleEveryMs, boolean nodesNeeded) {
  public static final long HOUR_MS = 3_600_000;

  public DlrmOptions {
    if (sampleEveryMs <= 0) throw new IllegalArgumentException("sampleEveryMs must be > 0, was " + sampleEveryMs);
  }

  /** Hourly samples and the nodes-needed search. */
  public static DlrmOptions defaults(long seed) {
    return new DlrmOptions(seed, HOUR_MS, true);
  }
}
