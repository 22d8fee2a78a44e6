package dev.sluice.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A validated submission, ready to be stored as a pending job. */
public record NewJob(String name, String queue, String user, List<String> command, Map<String, String> env,
                     String workDir, JobResources request, int priority, boolean preemptible, JobRuntimes runtimes,
                     Instant submittedAt) {
  /** A submission without a walltime or minimum runtime. */
  public NewJob(String name, String queue, String user, List<String> command, Map<String, String> env, String workDir,
                JobResources request, int priority, boolean preemptible, Instant submittedAt) {
    this(name, queue, user, command, env, workDir, request, priority, preemptible, JobRuntimes.NONE, submittedAt);
  }

  public NewJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(user, "user");
    command = List.copyOf(command);
    if (command.isEmpty()) throw new IllegalArgumentException("command must not be empty");
    env = Map.copyOf(env);
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(runtimes, "runtimes");
    Objects.requireNonNull(submittedAt, "submittedAt");
  }
}
