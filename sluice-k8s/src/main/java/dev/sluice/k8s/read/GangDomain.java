package dev.sluice.k8s.read;

import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.TopologyConstraint;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/** Where the rest of a gang that keeps to a topology domain may go, once some of its pods run. */
final class GangDomain {
  private GangDomain() {
  }

  /**
   * The topology constraint of a gang's waiting pods: the gang's own while none of it runs; once some of it runs, kept
   * to the domain those pods are in. Empty when a gang that requires a domain runs in no single one (its nodes lack the
   * label, or differ); a gang that only prefers one then keeps its own constraint.
   *
   * @param bindings where Sluice's bound pods are, by {@code namespace/name}
   * @param domains  every node's domain at each topology level, by node name
   */
  static Optional<TopologyConstraint> ofTheRest(Gang gang, Map<String, PodBinding> bindings, Map<String, Map<String, String>> domains) {
    var constraint = gang.topology();
    if (constraint.isNone()) return Optional.of(constraint);
    var where = new HashSet<String>();
    for (var pod : gang.pods()) {
      var binding = bindings.get(Pods.key(pod));
      if (binding != null) where.add(domains.getOrDefault(binding.node(), Map.of()).getOrDefault(constraint.level(), ""));
    }
    if (where.isEmpty()) return Optional.of(constraint);
    if (where.size() > 1 || where.contains("")) return constraint.required() ? Optional.empty() : Optional.of(constraint);
    return Optional.of(constraint.within(where.iterator().next()));
  }
}
