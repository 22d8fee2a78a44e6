package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A node and its GPUs with what runs on each, as {@code GET /api/v1/nodes} returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Node(String name, long cpuMilli, long memoryMib, String gpuSource, List<Gpu> gpus) {
  public Node {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }

  /** One GPU: its model, memory, how much of it is allocated (milli) and the jobs on it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Gpu(int index, String model, long memoryMib, String uuid, boolean simulated, long allocatedMilli,
                    List<String> jobs) {
    public Gpu {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
  }
}
