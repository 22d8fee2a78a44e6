package dev.sluice.core.placement;

import dev.sluice.core.model.Fit;
import java.util.Arrays;

/**
 * What a placer worked out per (pod shape, node group): the score where the pod fits, or which constraint
 * failed, packed in one {@code long}. Entries are forgotten when a group retires, since its id is reused.
 * Policies' scores must lie above {@link #LOWEST_SCORE}.
 */
final class Verdicts {
  static final long UNKNOWN = Long.MIN_VALUE;
  private static final long UNFIT = Long.MIN_VALUE + 1;
  static final long LOWEST_SCORE = UNFIT + Fit.MAX_FITS;

  private long[][] byShape = new long[8][];

  /** The verdicts of one shape, with room for ids below {@code capacity}. */
  long[] of(int shapeId, int capacity) {
    if (shapeId >= byShape.length) byShape = Arrays.copyOf(byShape, Math.max(shapeId + 1, byShape.length * 2));
    var verdicts = byShape[shapeId];
    if (verdicts == null || verdicts.length < capacity) {
      int old = verdicts == null ? 0 : verdicts.length;
      verdicts = verdicts == null ? new long[Math.max(capacity, 64)] : Arrays.copyOf(verdicts, Math.max(capacity, 2 * old));
      Arrays.fill(verdicts, old, verdicts.length, UNKNOWN);
      byShape[shapeId] = verdicts;
    }
    return verdicts;
  }

  /** Forgets everything, e.g. when the policy's scores changed. */
  void clear() {
    for (var verdicts : byShape) {
      if (verdicts != null) Arrays.fill(verdicts, UNKNOWN);
    }
  }

  void forget(int groupId) {
    for (var verdicts : byShape) {
      if (verdicts != null && groupId < verdicts.length) verdicts[groupId] = UNKNOWN;
    }
  }

  static long unfit(Fit fit) {
    return UNFIT + fit.id();
  }

  static long score(long score) {
    if (score < LOWEST_SCORE) throw new IllegalStateException("score " + score + " is below the lowest allowed");
    return score;
  }

  static boolean fits(long verdict) {
    return verdict >= LOWEST_SCORE;
  }

  static Fit fit(long verdict) {
    return fits(verdict) ? Fit.FITS : Fit.byId((int) (verdict - UNFIT));
  }
}
