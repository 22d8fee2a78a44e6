package dev.sluice.server.store;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as stored. {@code seq} is its number in the store; {@link #id()} is the name the API shows.
 *
 * @param reason      why it waits or how it ended; null when neither applies
 * @param placement   where it runs or ran; null until started (a pending job stopped by the scheduler keeps
 *                    where its last process ran)
 * @param process     the launched process; null until launched (likewise kept by a stopped pending job)
 * @param attempt     the latest launch, recorded before its process starts; null before the first
 * @param preemptions how many times the scheduler stopped it and put it back to PENDING
 * @param runtimes    its walltime and minimum runtime
 */
public record Job(long seq, String name, String queue, String user, List<String> command, Map<String, String> env,
                  String workDir, JobResources request, int priority, boolean preemptible, JobState state,
                  Reason reason, Placement placement, Instant submittedAt, Instant startedAt, Instant finishedAt,
                  Integer exitCode, ProcessRef process, LaunchAttempt attempt, int preemptions, JobRuntimes runtimes) {
  /** A job without a walltime or minimum runtime. */
  public Job(long seq, String name, String queue, String user, List<String> command, Map<String, String> env,
             String workDir, JobResources request, int priority, boolean preemptible, JobState state, Reason reason,
             Placement placement, Instant submittedAt, Instant startedAt, Instant finishedAt, Integer exitCode,
             ProcessRef process, LaunchAttempt attempt, int preemptions) {
    this(seq, name, queue, user, command, env, workDir, request, priority, preemptible, state, reason, placement, submittedAt,
        startedAt, finishedAt, exitCode, process, attempt, preemptions, JobRuntimes.NONE);
  }

  public Job {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(runtimes, "runtimes");
    if (preemptions < 0) throw new IllegalArgumentException("preemptions must be >= 0, was " + preemptions);
  }

  /** This job with another reason (as written for it), the rest as it is. */
  public Job withReason(Reason newReason) {
    return new Job(seq, name, queue, user, command, env, workDir, request, priority, preemptible, state, newReason,
        placement, submittedAt, startedAt, finishedAt, exitCode, process, attempt, preemptions, runtimes);
  }

  public String id() {
    return JobIds.format(seq);
  }
}
