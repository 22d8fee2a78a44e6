package dev.sluice.sim.replay;

import dev.sluice.core.model.PodRequest;
import java.util.Objects;

/**
 * One pod of a replay: what it asks for, where it queues and when.
 *
 * @param id       index of the pod in the replay, its tie-break everywhere
 * @param request  CPU, memory and GPUs
 * @param queue    the leaf queue it is submitted to
 * @param priority higher runs first under strict priority (from the trace's QoS class)
 * @param arrival  virtual seconds when it is submitted
 * @param runtime  virtual seconds it runs once started (from scratch again if evicted); schedulers do not see it
 * @param walltime virtual seconds its user declared it may run, at least its runtime; 0 when none was declared
 *                 (see {@link Walltimes})
 */
public record ReplayPod(int id, PodRequest request, String queue, int priority, long arrival, long runtime, long walltime) {
  /** A pod whose user declared no walltime. */
  public ReplayPod(int id, PodRequest request, String queue, int priority, long arrival, long runtime) {
    this(id, request, queue, priority, arrival, runtime, 0);
  }

  public ReplayPod {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(queue, "queue");
    if (id < 0) throw new IllegalArgumentException("id must be >= 0, was " + id);
    if (arrival < 0) throw new IllegalArgumentException("pod " + request.name() + ": arrival must be >= 0");
    if (runtime < 1) throw new IllegalArgumentException("pod " + request.name() + ": runtime must be >= 1");
    if (walltime != 0 && walltime < runtime) {
      throw new IllegalArgumentException("pod " + request.name() + ": walltime must be 0 or >= its runtime " + runtime);
    }
  }

  /** This pod with {@code walltime} declared (0: none). */
  public ReplayPod withWalltime(long walltime) {
    return new ReplayPod(id, request, queue, priority, arrival, runtime, walltime);
  }

  public long gpuMilli() {
    return request.totalGpuMilli();
  }
}
