package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;

/**
 * A policy that scores every node the pod fits and takes the highest score; ties go to the node that comes
 * first in the cluster's tie order. Scores depend on the node's state only, so nodes in equal states are
 * scored once.
 */
public non-sealed interface ScoringPolicy extends PlacementPolicy {
  /** The score of a node in {@code node} on which {@code pod} fits; higher is better. */
  long score(NodeState node, PodShape pod);

  /** The GPUs the pod takes on the chosen node. */
  default int[] chooseGpus(NodeState node, PodShape pod) {
    return GpuChoice.standard(node, pod);
  }

  /**
   * Whether scores are rescaled to 0..100 by min–max over the nodes that fit before they are compared
   * (the Kubernetes framework's NormalizeScore).
   */
  default boolean normalizesScores() {
    return false;
  }
}
