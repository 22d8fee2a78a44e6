package dev.sluice.core.placement;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Small random clusters and pod sequences, drawn from a seed, for comparing placement with a reference. */
final class RandomClusters {
  private static final String[] MODELS = {"T4", "V100M16", "A10"};
  private static final int[] GPU_COUNTS = {0, 1, 2, 4, 8};

  private RandomClusters() {
  }

  static List<Node> nodes(SplittableRandom random, int count) {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < count; i++) {
      int gpus = GPU_COUNTS[random.nextInt(GPU_COUNTS.length)];
      // few distinct shapes, so that groups of equal nodes form
      long cpu = 16_000L * (1 + random.nextInt(3));
      nodes.add(Node.uniform("n" + i, cpu, 65_536L * (1 + random.nextInt(2)), gpus, MODELS[random.nextInt(MODELS.length)]));
    }
    return nodes;
  }

  static List<PodRequest> pods(SplittableRandom random, int count) {
    var pods = new ArrayList<PodRequest>();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(10);
      long cpu = 1_000L * (1 + random.nextInt(12));
      long memory = 4_096L * random.nextInt(6);
      Set<String> models = random.nextInt(4) == 0 ? Set.of(MODELS[random.nextInt(MODELS.length)]) : Set.of();
      pods.add(switch (kind) {
        case 0, 1 -> new PodRequest("p" + i, cpu, memory, 0, 0, Set.of());
        case 2, 3, 4 -> new PodRequest("p" + i, cpu, memory, 1, 100 * (1 + random.nextInt(9)), models);
        case 5, 6, 7 -> new PodRequest("p" + i, cpu, memory, 1, 1000, models);
        default -> new PodRequest("p" + i, cpu, memory, 1 << (1 + random.nextInt(3)), 1000, models);
      });
    }
    return pods;
  }

  static int[] permutation(SplittableRandom random, int n) {
    return TieOrder.shuffled(n, random);
  }
}
