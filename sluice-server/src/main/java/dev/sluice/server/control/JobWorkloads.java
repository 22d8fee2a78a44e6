package dev.sluice.server.control;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.Runtimes;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.store.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs as the scheduler cycle sees them: each job is a workload of one pod named by the job's id, in the job's
 * queue (a running one in the leaf {@link dev.sluice.control.OwnJobLeaves} gives it), with its priority (as a class named
 * {@code priority-N}), preemptible flag and submission time in milliseconds, and its walltime and minimum runtime
 * (the cycle plans reservations with the walltime and stops nothing before the minimum runtime).
 */
final class JobWorkloads {
  private JobWorkloads() {
  }

  static Workload workload(Job job) {
    return workload(job, job.queue());
  }

  /** The job's workload, in the leaf queue {@code leaf}. */
  private static Workload workload(Job job, String leaf) {
    var pod = pod(job);
    return new Workload(job.id(), leaf, job.user(), List.of(pod), 1,
        new PriorityClass("priority-" + job.priority(), job.priority()), job.preemptible(),
        job.submittedAt().toEpochMilli(),
        new Runtimes(job.runtimes().minRuntimeSeconds() * 1000, job.runtimes().walltimeSeconds() * 1000, 0));
  }

  /** The job's request as placement sees it: one pod named by the job's id. */
  static PodRequest pod(Job job) {
    var r = job.request();
    var pod = new PodRequest(job.id(), r.cpuMilli(), r.memoryMib(), r.gpus(), r.gpuMilli(), Set.of());
    return r.nicBandwidthMbps() == 0 && !r.rdma() ? pod : pod.withFabric(FabricRequest.nic(r.nicBandwidthMbps(), r.rdma()));
  }

  /**
   * The running job on {@code host}, in the leaf queue {@code leaf}, its GPUs by position on the host's node; empty
   * when its recorded GPUs are not all on this host (it still holds what the control plane's cluster snapshot gave it).
   */
  static Optional<RunningWorkload> running(Job job, String leaf, Host host) {
    var workload = workload(job, leaf);
    var pod = workload.pods().getFirst();
    var positions = new ArrayList<Integer>();
    for (int device : job.placement() == null ? List.<Integer>of() : job.placement().gpuIndices()) {
      int position = host.position(device);
      if (position < 0) return Optional.empty();
      positions.add(position);
    }
    if (positions.size() != pod.gpuCount()) return Optional.empty();
    long started = job.startedAt() == null ? job.submittedAt().toEpochMilli() : job.startedAt().toEpochMilli();
    return Optional.of(new RunningWorkload(workload, List.of(new PodBinding(pod, host.name(), positions)), started));
  }
}
