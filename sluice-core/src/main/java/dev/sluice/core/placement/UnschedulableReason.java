package dev.sluice.core.placement;

import dev.sluice.core.model.Fit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Why no node took a pod: how many nodes failed each constraint (each node counts once, under the first
 * constraint it fails). Readable by a person through {@link #message()} and by a program through
 * {@link #nodesFailing()}.
 */
public record UnschedulableReason(int nodes, Map<Fit, Integer> nodesFailing) {
  public UnschedulableReason {
    if (nodesFailing.containsKey(Fit.FITS)) {
      var copy = new HashMap<>(nodesFailing);
      copy.remove(Fit.FITS);
      nodesFailing = copy;
    }
    nodesFailing = Map.copyOf(nodesFailing);
  }

  /** E.g. {@code "0/1213 nodes fit: 800 insufficient free GPU, 413 GPU model not allowed"}. */
  public String message() {
    if (nodes == 0) return "0/0 nodes fit: the cluster has no node that takes pods";
    var ordered = new TreeMap<Fit, Integer>(Comparator.comparingInt(Fit::id));
    ordered.putAll(nodesFailing);
    var parts = ordered.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().description())
        .collect(Collectors.joining(", "));
    return "0/" + nodes + " nodes fit" + (parts.isEmpty() ? "" : ": " + parts);
  }
}
