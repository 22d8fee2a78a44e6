package dev.sluice.core.scheduler;

/**
 * How long a workload may or is expected to run, in the scheduler's time unit (milliseconds); 0 means not
 * set.
 *
 * @param minRuntime  no preemption or reclaim before the workload has run this long
 * @param walltime    a hard bound: the workload is stopped after this long
 * @param expected    what the user expects; used to foresee when resources free up
 */
public record Runtimes(long minRuntime, long walltime, long expected) {
  public static final Runtimes NONE = new Runtimes(0, 0, 0);

  public Runtimes {
    if (minRuntime < 0) throw new IllegalArgumentException("minRuntime must be >= 0, was " + minRuntime);
    if (walltime < 0) throw new IllegalArgumentException("walltime must be >= 0, was " + walltime);
    if (expected < 0) throw new IllegalArgumentException("expected must be >= 0, was " + expected);
  }

  /** When a workload started at {@code start} is expected to end: expected runtime, else walltime, else never. */
  public long expectedEnd(long start) {
    if (expected > 0) return saturatedAdd(start, expected);
    if (walltime > 0) return saturatedAdd(start, walltime);
    return Long.MAX_VALUE;
  }

  /** The latest it may end: walltime, else expected runtime, else never. */
  public long latestEnd(long start) {
    if (walltime > 0) return saturatedAdd(start, walltime);
    if (expected > 0) return saturatedAdd(start, expected);
    return Long.MAX_VALUE;
  }

  /** Whether a workload started at {@code start} has run its minimum by {@code now}. */
  public boolean minRuntimeServed(long start, long now) {
    return now - start >= minRuntime;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }
}
