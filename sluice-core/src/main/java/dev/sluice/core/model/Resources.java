package dev.sluice.core.model;

/**
 * An amount of the schedulable resources of a node or a pod: CPU in thousandths of a core, memory in MiB,
 * and GPU in thousandths of a GPU (summed over devices). Immutable arithmetic.
 */
public record Resources(long cpuMilli, long memoryMib, long gpuMilli) {
  public static final Resources ZERO = new Resources(0, 0, 0);

  public Resources {
    if (cpuMilli < 0 || memoryMib < 0 || gpuMilli < 0) {
      throw new IllegalArgumentException("resources must not be negative: " + cpuMilli + "m CPU, " + memoryMib
          + " MiB, " + gpuMilli + "m GPU");
    }
  }

  public Resources plus(Resources other) {
    return new Resources(cpuMilli + other.cpuMilli, memoryMib + other.memoryMib, gpuMilli + other.gpuMilli);
  }

  /** @throws IllegalArgumentException if any component would go negative */
  public Resources minus(Resources other) {
    return new Resources(cpuMilli - other.cpuMilli, memoryMib - other.memoryMib, gpuMilli - other.gpuMilli);
  }

  /** Whether every component is at most the other's. */
  public boolean fitsIn(Resources capacity) {
    return cpuMilli <= capacity.cpuMilli && memoryMib <= capacity.memoryMib && gpuMilli <= capacity.gpuMilli;
  }
}
