package dev.sluice.core.scheduler;

import java.util.Objects;

/**
 * A named priority. Higher values go first inside a queue and may preempt lower ones; whether a workload
 * can be preempted at all is its own flag ({@link Workload#preemptible()}), independent of priority.
 *
 * @param name  e.g. {@code "train"}
 * @param value higher is more important
 */
public record PriorityClass(String name, int value) {
  public static final PriorityClass TRAIN = new PriorityClass("train", 50);
  public static final PriorityClass INTERACTIVE = new PriorityClass("interactive", 75);
  public static final PriorityClass BUILD = new PriorityClass("build", 100);
  public static final PriorityClass INFERENCE = new PriorityClass("inference", 125);

  public PriorityClass {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("priority class name must not be blank");
  }
}
