package dev.sluice.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A validated submission, ready to be stored as a pending job. */
public record NewJob(String name, String queue, String user, List<String> command, Map<String, String> env,
                     String workDir, JobResources request, int priority, boolean preemptible, Instant submittedAt) {
  public NewJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(user, "user");
    command = List.copyOf(command);
    if (command.isEmpty()) throw new IllegalArgumentException("command must not be empty");
    env = Map.copyOf(env);
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(submittedAt, "submittedAt");
  }
}
