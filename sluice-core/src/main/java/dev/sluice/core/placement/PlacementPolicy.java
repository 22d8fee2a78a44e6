package dev.sluice.core.placement;

/**
 * How a node is chosen among those a pod fits. Either a {@link ScoringPolicy}, which ranks nodes by a
 * score of their state, or {@link RandomPolicy}, which draws one.
 */
public sealed interface PlacementPolicy permits ScoringPolicy, RandomPolicy {
  /** The policy's short name, as the CLI and reports spell it. */
  String name();
}
