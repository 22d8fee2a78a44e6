package dev.sluice.control;

/**
 * What a {@link DecisionSink} did with one cycle's decisions.
 *
 * @param bound   pods bound (started)
 * @param evicted pods whose eviction was carried out or accepted
 * @param failed  binds or evictions that failed (the next cycle tries again)
 */
public record Committed(int bound, int evicted, int failed) {
  public Committed {
    if (bound < 0 || evicted < 0 || failed < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + bound + ", " + evicted + ", " + failed);
    }
  }
}
