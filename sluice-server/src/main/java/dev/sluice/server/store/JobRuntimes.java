package dev.sluice.server.store;

/**
 * How long a job may run and how long it runs before the scheduler may stop it, in seconds; 0 means not set.
 *
 * @param walltimeSeconds   past this the job is stopped and fails with reason {@code walltime}
 * @param minRuntimeSeconds no reclaim or preemption stops it before it has run this long
 */
public record JobRuntimes(long walltimeSeconds, long minRuntimeSeconds) {
  public static final JobRuntimes NONE = new JobRuntimes(0, 0);
  /** The longest either may be: a year. */
  public static final long MAX_SECONDS = 366L * 24 * 3600;

  public JobRuntimes {
    if (walltimeSeconds < 0 || walltimeSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException("walltimeSeconds must be in 0.." + MAX_SECONDS + ", was " + walltimeSeconds);
    }
    if (minRuntimeSeconds < 0 || minRuntimeSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException("minRuntimeSeconds must be in 0.." + MAX_SECONDS + ", was " + minRuntimeSeconds);
    }
    if (walltimeSeconds > 0 && minRuntimeSeconds > walltimeSeconds) {
      throw new IllegalArgumentException("minRuntimeSeconds must not exceed walltimeSeconds");
    }
  }
}
