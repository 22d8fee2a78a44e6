package dev.sluice.core.spi;

import java.util.Objects;

/**
 * Enough to find a launched job again, also after the control plane restarts: the store keeps it.
 *
 * @param jobId     the job
 * @param pid       the operating system's process id of the job's top process
 * @param startedAt the process's start time as the operating system reports it (epoch milliseconds), so
 *                  that a recycled pid is never mistaken for the job
 * @param runDir    where the launcher keeps what it knows about the run (e.g. the recorded exit code)
 */
public record ProcessRef(String jobId, long pid, long startedAt, String runDir) {
  public ProcessRef {
    Objects.requireNonNull(jobId, "jobId");
    if (pid <= 0) throw new IllegalArgumentException("job " + jobId + ": pid must be > 0, was " + pid);
    Objects.requireNonNull(runDir, "runDir");
  }
}
