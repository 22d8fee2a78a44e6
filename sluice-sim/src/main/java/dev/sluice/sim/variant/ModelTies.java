package dev.sluice.sim.variant;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Ties a share of the GPU pods to GPU models ({@code gpu_spec}) and frees the rest. A pod chosen to be tied
 * keeps the models its source pod named; one that named none gets one model, drawn with weight equal to the
 * GPUs of that model on nodes whose whole capacity fits the pod, so that tied demand falls on each model in
 * proportion to the supply that could serve it. A pod no node fits stays untied.
 */
final class ModelTies {
  private ModelTies() {
  }

  static List<TracePod> apply(List<TracePod> pods, double share, List<Node> nodes, RandomGenerator random) {
    var gpuPods = IntStream.range(0, pods.size()).filter(i -> pods.get(i).request().gpuCount() > 0).boxed()
        .collect(Collectors.toCollection(ArrayList::new));
    Collections.shuffle(gpuPods, random);
    int tiedCount = (int) Math.round(share * gpuPods.size());
    var result = new ArrayList<>(pods);
    for (int rank = 0; rank < gpuPods.size(); rank++) {
      int index = gpuPods.get(rank);
      var pod = pods.get(index);
      Set<String> models = rank < tiedCount ? modelsFor(pod.request(), nodes, random) : Set.of();
      result.set(index, withModels(pod, models));
    }
    return result;
  }

  private static Set<String> modelsFor(PodRequest pod, List<Node> nodes, RandomGenerator random) {
    if (!pod.allowedGpuModels().isEmpty()) return pod.allowedGpuModels();
    var gpusByModel = new TreeMap<String, Long>();
    for (var node : nodes) {
      if (node.gpuCount() >= pod.gpuCount() && node.cpuMilli() >= pod.cpuMilli() && node.memoryMib() >= pod.memoryMib()) {
        gpusByModel.merge(node.gpuModel(), (long) node.gpuCount(), Long::sum);
      }
    }
    long total = gpusByModel.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) return Set.of();
    long pick = random.nextLong(total);
    for (var entry : gpusByModel.entrySet()) {
      pick -= entry.getValue();
      if (pick < 0) return Set.of(entry.getKey());
    }
    throw new IllegalStateException("the draw fell outside the models' weights");
  }

  private static TracePod withModels(TracePod pod, Set<String> models) {
    var request = pod.request().withAllowedGpuModels(models);
    return new TracePod(request, pod.qos(), pod.creationTime(), pod.scheduledTime(), pod.deletionTime());
  }
}
