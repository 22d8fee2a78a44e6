package dev.sluice.core.model;

import java.util.HashMap;
import java.util.Map;

/**
 * An amount of the schedulable resources of a node or a pod: CPU in thousandths of a core, memory in MiB,
 * GPU in thousandths of a GPU (summed over devices), NIC bandwidth in Mbit/s, local NVMe in GiB, and named
 * extended resources. Immutable arithmetic; the one place where resources are added, subtracted and compared.
 */
public record Resources(long cpuMilli, long memoryMib, long gpuMilli, long nicMbps, long nvmeGib,
                        Map<String, Long> extended) {
  public static final Resources ZERO = new Resources(0, 0, 0);

  public Resources {
    if (cpuMilli < 0 || memoryMib < 0 || gpuMilli < 0 || nicMbps < 0 || nvmeGib < 0) {
      throw new IllegalArgumentException("resources must not be negative: " + cpuMilli + "m CPU, " + memoryMib
          + " MiB, " + gpuMilli + "m GPU, " + nicMbps + " Mbit/s NIC, " + nvmeGib + " GiB NVMe");
    }
    extended = Map.copyOf(extended);
    extended.forEach((name, amount) -> {
      if (amount < 0) throw new IllegalArgumentException("resources must not be negative: " + amount + " " + name);
    });
  }

  /** CPU, memory and GPU only. */
  public Resources(long cpuMilli, long memoryMib, long gpuMilli) {
    this(cpuMilli, memoryMib, gpuMilli, 0, 0, Map.of());
  }

  public Resources plus(Resources other) {
    return new Resources(cpuMilli + other.cpuMilli, memoryMib + other.memoryMib, gpuMilli + other.gpuMilli,
        nicMbps + other.nicMbps, nvmeGib + other.nvmeGib, combined(other, 1));
  }

  /** @throws IllegalArgumentException if any component would go negative */
  public Resources minus(Resources other) {
    return new Resources(cpuMilli - other.cpuMilli, memoryMib - other.memoryMib, gpuMilli - other.gpuMilli,
        nicMbps - other.nicMbps, nvmeGib - other.nvmeGib, combined(other, -1));
  }

  private Map<String, Long> combined(Resources other, int sign) {
    if (other.extended.isEmpty()) return extended;
    var sum = new HashMap<>(extended);
    other.extended.forEach((name, amount) -> sum.merge(name, sign * amount, Long::sum));
    sum.values().removeIf(amount -> amount == 0);
    return sum;
  }

  /** Whether every component is at most the other's (an extended resource the other lacks counts as 0). */
  public boolean fitsIn(Resources capacity) {
    if (cpuMilli > capacity.cpuMilli || memoryMib > capacity.memoryMib || gpuMilli > capacity.gpuMilli
        || nicMbps > capacity.nicMbps || nvmeGib > capacity.nvmeGib) {
      return false;
    }
    for (var wanted : extended.entrySet()) if (wanted.getValue() > capacity.extended.getOrDefault(wanted.getKey(), 0L)) return false;
    return true;
  }
}
