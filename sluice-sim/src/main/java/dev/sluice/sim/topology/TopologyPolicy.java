package dev.sluice.sim.topology;

import dev.sluice.core.scheduler.TopologyConstraint;
import java.util.Arrays;
import java.util.List;

/**
 * How the gangs of the experiment ask to be placed. Each topology-aware gang names the narrowest level one domain of
 * which could hold it on an empty fleet (a rack, else a block; see {@link RackFleet#narrowestLevelHolding}).
 */
public enum TopologyPolicy {
  /** No constraint: each pod goes where placement puts it. */
  TOPOLOGY_BLIND("topology-blind"),
  /** Rather one domain of the level, else the fewest that hold it, else anywhere (Sluice's rule). */
  TOPOLOGY_PREFERRED("topology-preferred"),
  /** One domain of the level or wait: Sluice's rule, the fullest domain by free GPUs whose total room holds the gang. */
  TOPOLOGY_REQUIRED("topology-required"),
  /**
   * One domain of the level or wait, chosen by KAI-Scheduler's rule: of the domains that can hold every pod of the
   * gang, counted node by node, the one that can hold the fewest (see {@link FullestDomain}).
   */
  KAI_FULLEST_DOMAIN("kai-fullest-domain");

  private final String label;

  TopologyPolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(TopologyPolicy::label).toList();
  }

  /** @throws IllegalArgumentException for an unknown label, naming the known ones */
  public static TopologyPolicy named(String label) {
    return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown policy '" + label + "'; known: " + String.join(", ", labels())));
  }

  /** What a gang whose narrowest holding level is {@code level} (empty: none) asks for. */
  public TopologyConstraint constraint(String level) {
    if (level.isEmpty() || this == TOPOLOGY_BLIND) return TopologyConstraint.NONE;
    return this == TOPOLOGY_PREFERRED ? TopologyConstraint.preferred(level) : TopologyConstraint.required(level);
  }

  /** Whether each cycle the gang is first kept to the domain {@link FullestDomain} chooses. */
  public boolean choosesDomainFirst() {
    return this == KAI_FULLEST_DOMAIN;
  }
}
