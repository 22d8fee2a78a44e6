package dev.sluice.core.fairness;

import dev.sluice.core.queue.Dimension;
import java.util.HashMap;
import java.util.Map;

/** The result of {@link FairShare#compute}: each queue's fair share per dimension. */
public record FairShares(Map<String, Map<Dimension, Long>> byQueue) {
  public FairShares {
    var copy = new HashMap<String, Map<Dimension, Long>>();
    byQueue.forEach((queue, shares) -> copy.put(queue, Map.copyOf(shares)));
    byQueue = Map.copyOf(copy);
  }

  /** The queue's fair share of the dimension; 0 when it has none. */
  public long of(String queue, Dimension dimension) {
    return byQueue.getOrDefault(queue, Map.of()).getOrDefault(dimension, 0L);
  }
}
