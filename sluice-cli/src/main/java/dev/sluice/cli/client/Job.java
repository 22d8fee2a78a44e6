package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job as the REST API returns it; times are ISO-8601 strings or null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(String id, String name, String queue, String user, List<String> command, Map<String, String> env,
                  Request request, int priority, boolean preemptible, String state, Reason reason,
                  Integer queuePosition, String node, List<Integer> gpuIndices, boolean simulatedGpus,
                  String submittedAt, String startedAt, String finishedAt, Integer exitCode, Long walltimeSeconds,
                  Long minRuntimeSeconds) {
  private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "PREEMPTED");

  public Job {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    gpuIndices = gpuIndices == null ? List.of() : List.copyOf(gpuIndices);
  }

  public boolean finished() {
    return FINISHED.contains(state);
  }

  /** What the job asked for. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Request(int gpus, int gpuMilli, long gpuMemoryMib, long cpuMilli, long memoryMib) {
    /** GPUs as a number of devices: 2 for two whole GPUs, 0.5 for half of one. */
    public double gpuDevices() {
      return gpuMilli == 0 ? gpus : gpus * gpuMilli / 1000.0;
    }
  }

  /** Why a job waits or ended: a stable code and words for people. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Reason(String code, String message) {
    /** The words for people, or the code when there are none. */
    public String text() {
      return message == null || message.isBlank() ? code : message;
    }

    /** Words and code, as {@code describe} shows them: "0/1 nodes fit: … [no-node-fits]". */
    @Override
    public String toString() {
      return message == null || message.isBlank() ? code : message + " [" + code + "]";
    }
  }
}
