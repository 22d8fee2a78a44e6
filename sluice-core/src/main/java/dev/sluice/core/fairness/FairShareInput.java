package dev.sluice.core.fairness;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import java.util.Map;
import java.util.Objects;

/**
 * What fair shares are computed from.
 *
 * @param queues         the queue tree
 * @param capacity       what the cluster has, per dimension
 * @param leafDemand     what each leaf queue asks for (running and pending), per dimension
 * @param usageShare     each queue's decayed historical usage as a share of its siblings' (0..1); absent = 0
 * @param historyWeight  how much past usage lowers a queue's weight for surplus: weight / (1 + h · share)
 */
public record FairShareInput(QueueTree queues, Map<Dimension, Long> capacity,
                             Map<String, Map<Dimension, Long>> leafDemand, Map<String, Double> usageShare,
                             double historyWeight) {
  public FairShareInput {
    Objects.requireNonNull(queues, "queues");
    capacity = Map.copyOf(capacity);
    leafDemand = Map.copyOf(leafDemand);
    usageShare = Map.copyOf(usageShare);
    if (!(historyWeight >= 0)) throw new IllegalArgumentException("historyWeight must be >= 0");
    for (var leaf : leafDemand.keySet()) {
      if (queues.queue(leaf).isEmpty()) throw new IllegalArgumentException("demand for unknown queue '" + leaf + "'");
      if (!queues.isLeaf(leaf)) throw new IllegalArgumentException("demand for queue '" + leaf + "', which is not a leaf");
    }
  }

  long demand(String leaf, Dimension dimension) {
    return leafDemand.getOrDefault(leaf, Map.of()).getOrDefault(dimension, 0L);
  }
}
