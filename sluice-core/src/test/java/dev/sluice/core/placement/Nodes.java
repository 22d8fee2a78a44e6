package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodShape;
import java.util.Arrays;
import java.util.Set;

/** Hand-made node states and pod shapes for policy tests. */
final class Nodes {
  private Nodes() {
  }

  /** A node of {@code model} with {@code freeCpuMilli} free and the given free milli per GPU. */
  static NodeState state(String model, long cpuCapacity, long freeCpuMilli, int... freeGpuMilli) {
    var type = new NodeType(model, cpuCapacity, 1 << 20, freeGpuMilli.length);
    int mask = Arrays.stream(freeGpuMilli).allMatch(f -> f == 1000) && freeCpuMilli == cpuCapacity ? 0 : 1;
    return new NodeState(type, freeCpuMilli, 1 << 20, Arrays.stream(freeGpuMilli).boxed().toList(), mask);
  }

  static NodeState free(String model, long cpu, int gpus) {
    var free = new int[gpus];
    Arrays.fill(free, 1000);
    return state(model, cpu, cpu, free);
  }

  static PodShape pod(long cpuMilli, int gpus, int milliPerGpu) {
    return new PodShape(cpuMilli, 0, gpus, milliPerGpu, Set.of());
  }
}
