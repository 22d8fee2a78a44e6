package dev.sluice.sim.topology;

import dev.sluice.sim.replay.ReplayMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a replay of gangs on virtual time (seconds): each start with the racks and blocks the gang's pods landed in,
 * and the waiting backlog after the last arrival. Gangs run to the end once started, so the GPU-seconds a gang holds
 * are its GPUs × its runtime.
 */
public final class GangMetrics {
  private static final double MINUTE = 60;
  private static final double HOUR = 3_600;
  private final long fleetGpus;
  private final List<Long> delays = new ArrayList<>();
  private long firstArrival = Long.MAX_VALUE;
  private long lastEvent = Long.MIN_VALUE;
  private int gangs;
  private int spanningRacks;
  private int spanningBlocks;
  private double gpuSeconds;
  private final List<long[]> held = new ArrayList<>();
  private long lastArrival = Long.MIN_VALUE;
  private int pendingAtLastArrival;

  public GangMetrics(long fleetGpus) {
    if (fleetGpus < 1) throw new IllegalArgumentException("the fleet needs GPUs");
    this.fleetGpus = fleetGpus;
  }

  public void arrived(TrainingGang gang) {
    gangs++;
    firstArrival = Math.min(firstArrival, gang.arrival());
    lastArrival = Math.max(lastArrival, gang.arrival());
    lastEvent = Math.max(lastEvent, gang.arrival());
  }

  /** The gang started at {@code now} with its pods in {@code racks} racks and {@code blocks} blocks. */
  public void started(TrainingGang gang, long now, int racks, int blocks) {
    if (now < gang.arrival()) throw new IllegalArgumentException("gang " + gang.id() + " started before it arrived");
    if (racks < 1 || blocks < 1 || blocks > racks) throw new IllegalArgumentException("racks " + racks + ", blocks " + blocks);
    delays.add(now - gang.arrival());
    if (racks > 1) spanningRacks++;
    if (blocks > 1) spanningBlocks++;
    gpuSeconds += (double) gang.gpus() * gang.runtime();
    held.add(new long[] {now, now + gang.runtime(), gang.gpus()});
    lastEvent = Math.max(lastEvent, now + gang.runtime());
  }

  /** How many gangs waited once the cycle after the last arrival ran. */
  public void backlogAtLastArrival(int waiting) {
    pendingAtLastArrival = waiting;
  }

  /** The measures, with {@code pendingAtEnd} gangs left waiting when the events ran out. */
  public TopologyResult result(String policy, int pendingAtEnd, int cycles) {
    int started = delays.size();
    long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    long makespan = gangs == 0 ? 0 : lastEvent - firstArrival;
    return new TopologyResult(policy, gangs, started, pct(spanningRacks, started), pct(spanningBlocks, started),
        ReplayMetrics.mean(sorted) / MINUTE, ReplayMetrics.nearestRank(sorted, 99) / MINUTE,
        makespan == 0 ? Double.NaN : 100 * gpuSeconds / ((double) fleetGpus * makespan), arrivalWindowUtilPct(),
        makespan / HOUR,
        pendingAtLastArrival, pendingAtEnd, cycles);
  }

  /** GPU-seconds held between the first and the last arrival over the fleet's GPUs × that window; NaN for no window. */
  private double arrivalWindowUtilPct() {
    if (gangs == 0 || lastArrival == firstArrival) return Double.NaN;
    double within = 0;
    for (var h : held) within += (double) h[2] * Math.max(0, Math.min(h[1], lastArrival) - Math.max(h[0], firstArrival));
    return 100 * within / ((double) fleetGpus * (lastArrival - firstArrival));
  }

  private static double pct(int part, int whole) {
    return whole == 0 ? Double.NaN : 100.0 * part / whole;
  }
}
