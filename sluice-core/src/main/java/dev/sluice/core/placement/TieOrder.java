package dev.sluice.core.placement;

import java.util.random.RandomGenerator;

/** Tie orders for a {@link ClusterState}: {@code order[k]} is the node that wins the k-th tie. */
public final class TieOrder {
  private TieOrder() {
  }

  /** The nodes in their own order: ties break by node index. */
  public static int[] identity(int nodes) {
    var order = new int[nodes];
    for (int i = 0; i < nodes; i++) order[i] = i;
    return order;
  }

  /** A uniformly random permutation (Fisher–Yates), fixed by the generator's stream. */
  public static int[] shuffled(int nodes, RandomGenerator random) {
    var order = identity(nodes);
    for (int i = nodes - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
