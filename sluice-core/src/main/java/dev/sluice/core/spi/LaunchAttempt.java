package dev.sluice.core.spi;

import java.util.Objects;

/**
 * One launch of a job, reserved before anything starts so that the store can record it first: after a crash the
 * control plane then knows where to look for whatever of that launch may be running.
 *
 * @param jobId  the job
 * @param number which launch of the job this is, from 1
 * @param runDir where the launcher keeps what it knows about this launch ({@link ProcessRef#runDir()} once started)
 */
public record LaunchAttempt(String jobId, int number, String runDir) {
  public LaunchAttempt {
    Objects.requireNonNull(jobId, "jobId");
    if (number < 1) throw new IllegalArgumentException("job " + jobId + ": attempt must be >= 1, was " + number);
    Objects.requireNonNull(runDir, "runDir");
  }
}
