package dev.sluice.core.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue's terms for one resource.
 *
 * @param deserved        what the queue is guaranteed when it asks for it
 * @param limit           hard cap on what it may use, borrowed or not; {@link #UNLIMITED} for none
 * @param overQuotaWeight its share of surplus beyond deserved, relative to its siblings'; 0 takes none
 * @param lendingLimit    how much of its idle deserved others may borrow; {@link #UNLIMITED} for all of it
 */
public record Quota(long deserved, long limit, double overQuotaWeight, long lendingLimit) {
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Deserved {@code deserved}, no limit, weight 1, lends everything. */
  public static Quota deserved(long deserved) {
    return new Quota(deserved, UNLIMITED, 1, UNLIMITED);
  }

  /** The problems with these values, each as "field: what is wrong"; empty when valid. */
  List<String> problems() {
    var problems = new ArrayList<String>();
    if (deserved < 0) problems.add("deserved must be >= 0, was " + deserved);
    if (limit < 0) problems.add("limit must be >= 0, was " + limit);
    if (limit >= 0 && limit < deserved) {
      problems.add("limit (" + limit + ") must not be below deserved (" + deserved + ")");
    }
    if (!(overQuotaWeight >= 0) || Double.isInfinite(overQuotaWeight)) {
      problems.add("overQuotaWeight must be a finite number >= 0, was " + overQuotaWeight);
    }
    if (lendingLimit < 0) problems.add("lendingLimit must be >= 0, was " + lendingLimit);
    return problems;
  }
}
