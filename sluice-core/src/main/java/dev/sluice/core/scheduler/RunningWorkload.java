package dev.sluice.core.scheduler;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A workload that runs: which of its pods are where, and since when.
 *
 * @param workload  the workload
 * @param bindings  its running pods, at least {@code minMembers} of them
 * @param startTime when it started (milliseconds of the scheduler's clock)
 */
public record RunningWorkload(Workload workload, List<PodBinding> bindings, long startTime) {
  public RunningWorkload {
    Objects.requireNonNull(workload, "workload");
    bindings = List.copyOf(bindings);
    if (bindings.size() < workload.minMembers()) {
      throw new IllegalArgumentException("workload " + workload.id() + ": " + bindings.size() + " pods running, fewer than minMembers "
          + workload.minMembers());
    }
    var names = new HashSet<String>();
    for (var binding : bindings) {
      if (!workload.pods().contains(binding.pod())) {
        throw new IllegalArgumentException("workload " + workload.id() + ": pod " + binding.pod().name() + " is not one of its pods");
      }
      if (!names.add(binding.pod().name())) {
        throw new IllegalArgumentException("workload " + workload.id() + ": pod " + binding.pod().name() + " bound twice");
      }
    }
  }

  public String id() {
    return workload.id();
  }
}
