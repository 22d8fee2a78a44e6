package dev.sluice.core.scheduler;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dimensions a cycle accounts in: CPU, memory, GPU, and one per GPU model that some queue has a quota
 * on (models without quotas are shared through the GPU dimension alone). Amounts are {@code long[]} indexed
 * like {@link #list()}.
 */
final class Dimensions {
  static final int CPU = 0;
  static final int MEMORY = 1;
  static final int GPU = 2;

  private final List<Dimension> list;
  private final Map<String, Integer> byModel = new HashMap<>();

  private Dimensions(List<Dimension> list) {
    this.list = List.copyOf(list);
    for (int i = GPU + 1; i < list.size(); i++) byModel.put(list.get(i).name().substring("gpu/".length()), i);
  }

  static Dimensions of(QueueTree queues) {
    var models = new TreeSet<String>();
    var stack = new ArrayList<>(queues.roots());
    while (!stack.isEmpty()) {
      var queue = stack.removeLast();
      for (var dimension : queues.queue(queue).orElseThrow().quotas().keySet()) {
        if (dimension.isGpuModel()) models.add(dimension.name().substring("gpu/".length()));
      }
      stack.addAll(queues.children(queue));
    }
    var list = new ArrayList<>(List.of(Dimension.CPU, Dimension.MEMORY, Dimension.GPU));
    models.forEach(m -> list.add(Dimension.gpu(m)));
    return new Dimensions(list);
  }

  /** The GPU models accounted for, by name. */
  List<String> models() {
    return byModel.keySet().stream().sorted().toList();
  }

  List<Dimension> list() {
    return list;
  }

  int size() {
    return list.size();
  }

  /** What a pod takes once placed on a node of {@code nodeModel}. */
  long[] placed(PodRequest pod, String nodeModel) {
    var amount = base(pod);
    var model = byModel.get(nodeModel);
    if (model != null) amount[model] = pod.totalGpuMilli();
    return amount;
  }

  /** What a pod takes, as far as is known before placement: its model only if it allows exactly one. */
  long[] requested(PodRequest pod) {
    var amount = base(pod);
    if (pod.allowedGpuModels().size() == 1) {
      var model = byModel.get(pod.allowedGpuModels().iterator().next());
      if (model != null) amount[model] = pod.totalGpuMilli();
    }
    return amount;
  }

  /** What a pod may ask of each dimension, for fair share: its GPUs count toward every model it allows. */
  long[] demand(PodRequest pod) {
    var amount = base(pod);
    byModel.forEach((model, index) -> {
      if (pod.gpuCount() > 0 && (pod.allowedGpuModels().isEmpty() || pod.allowedGpuModels().contains(model))) {
        amount[index] = pod.totalGpuMilli();
      }
    });
    return amount;
  }

  /** What the cluster has in each dimension. */
  long[] capacity(List<Node> nodes) {
    var total = new long[size()];
    for (var node : nodes) {
      var c = node.capacity();
      total[CPU] += c.cpuMilli();
      total[MEMORY] += c.memoryMib();
      total[GPU] += c.gpuMilli();
      var model = byModel.get(node.gpuModel());
      if (model != null) total[model] += c.gpuMilli();
    }
    return total;
  }

  private long[] base(PodRequest pod) {
    var amount = new long[size()];
    amount[CPU] = pod.cpuMilli();
    amount[MEMORY] = pod.memoryMib();
    amount[GPU] = pod.totalGpuMilli();
    return amount;
  }

  static void addTo(long[] total, long[] amount, int sign) {
    for (int i = 0; i < total.length; i++) total[i] += sign * amount[i];
  }
}
