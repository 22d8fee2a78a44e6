package dev.sluice.sim.topology;

import dev.sluice.core.model.PodRequest;
import java.util.Objects;

/**
 * A multi-node training job: {@code size} identical pods that start together and run together.
 *
 * @param id      index among the experiment's gangs, its tie-break
 * @param pod     what each of its pods asks for (drawn from a trace)
 * @param size    how many pods, at least 2
 * @param arrival virtual seconds when it is submitted
 * @param runtime virtual seconds it runs once started
 */
public record TrainingGang(int id, PodRequest pod, int size, long arrival, long runtime) {
  public TrainingGang {
    Objects.requireNonNull(pod, "pod");
    if (id < 0) throw new IllegalArgumentException("id must be >= 0, was " + id);
    if (size < 2) throw new IllegalArgumentException("gang " + id + ": size must be at least 2, was " + size);
    if (pod.gpuCount() < 1) throw new IllegalArgumentException("gang " + id + ": its pods need GPUs");
    if (arrival < 0) throw new IllegalArgumentException("gang " + id + ": arrival must be >= 0");
    if (runtime < 1) throw new IllegalArgumentException("gang " + id + ": runtime must be >= 1");
  }

  /** GPUs the whole gang holds. */
  public long gpus() {
    return (long) size * pod.gpuCount();
  }
}
