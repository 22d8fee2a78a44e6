package dev.sluice.k8s;

/**
 * What one cycle did about gangs below their minimum ({@link StaleGangs}), for the metrics.
 *
 * @param belowMinimum gangs running below their minimum
 * @param gangsEvicted gangs whose remaining pods were evicted because they stayed below it for the grace period
 * @param podsEvicted  pods of those gangs whose eviction was accepted
 * @param refused      evictions of those pods that were refused (a PodDisruptionBudget) or failed; the next cycle tries again
 */
record StaleGangCount(int belowMinimum, int gangsEvicted, int podsEvicted, int refused) {
  StaleGangCount {
    if (belowMinimum < 0 || gangsEvicted < 0 || podsEvicted < 0 || refused < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
