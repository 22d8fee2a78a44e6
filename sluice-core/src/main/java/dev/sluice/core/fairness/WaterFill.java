package dev.sluice.core.fairness;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Divides an amount among claimants in proportion to their weights, none above its cap; what a capped
 * claimant cannot take goes to the others, again by weight (water-filling). Integer units; the remainder of
 * each round goes to the largest fractional parts, ties by index, so the result is deterministic.
 */
final class WaterFill {
  private WaterFill() {
  }

  /**
   * @param amount  what there is to divide
   * @param weights each claimant's weight (>= 0; a weight of 0 takes nothing)
   * @param caps    the most each claimant may take (>= 0)
   * @return what each claimant gets; the sum is min(amount, sum of caps of claimants with weight > 0)
   */
  static long[] divide(long amount, double[] weights, long[] caps) {
    int n = weights.length;
    var given = new long[n];
    long left = amount;
    while (left > 0) {
      double total = 0;
      for (int i = 0; i < n; i++) if (weights[i] > 0 && given[i] < caps[i]) total += weights[i];
      if (total == 0) break;
      var fractions = new double[n];
      long handed = 0;
      boolean anyCapped = false;
      for (int i = 0; i < n; i++) {
        if (!(weights[i] > 0 && given[i] < caps[i])) continue;
        double exact = left * weights[i] / total;
        long share = (long) Math.floor(exact);
        if (given[i] + share >= caps[i]) {
          share = caps[i] - given[i];
          anyCapped = true;
        } else {
          fractions[i] = exact - share;
        }
        given[i] += share;
        handed += share;
      }
      left -= handed;
      if (!anyCapped) {
        left = handOutRemainder(left, fractions, given, caps);
        break;
      }
    }
    return given;
  }

  private static long handOutRemainder(long left, double[] fractions, long[] given, long[] caps) {
    var order = new Integer[fractions.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -fractions[i]).thenComparingInt(i -> i));
    for (int i : order) {
      if (left == 0) break;
      if (fractions[i] > 0 && given[i] < caps[i]) {
        given[i]++;
        left--;
      }
    }
    return left;
  }
}
