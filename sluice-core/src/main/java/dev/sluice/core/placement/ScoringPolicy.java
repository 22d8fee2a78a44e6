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
   * Called once by the placer that uses this policy, before its first decision. A policy that watches the
   * whole cluster (not only the node it scores) starts here; a policy serves one cluster.
   */
  default void attach(ClusterState cluster) {
  }

  /**
   * Called by the placer before each decision: a number that changes whenever the scores this policy gave
   * earlier may no longer hold (the placer then scores every node again). Policies whose scores depend only
   * on the node's state keep the default.
   */
  default long scoresVersion() {
    return 0;
  }

  /**
   * Whether the score of a node in {@code state} may differ between the previous {@link #scoresVersion}
   * and the current one (the placer then forgets only those; after a skipped version it forgets all).
   */
  default boolean lastChangeConcerns(NodeState state) {
    return true;
  }

  /**
   * Whether scores are rescaled to 0..100 by min–max over the nodes that fit before they are compared
   * (the Kubernetes framework's NormalizeScore).
   */
  default boolean normalizesScores() {
    return false;
  }
}
