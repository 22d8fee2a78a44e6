package dev.sluice.sim.fgd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A run's record binned by arrived %: for each integer a = 0…{@link #MAX_ARRIVED_PCT}, the means of the
 * rows whose arrived % rounds (half to even) to a; a bin without rows takes the rows within a ± 1; a bin
 * still empty is NaN. Values are percentages, as the FGD paper's analysis computes them.
 */
public record ArrivalCurve(double[] allocatedPct, double[] fragRatePct, double[] fragAmountPct) {
  public static final int MAX_ARRIVED_PCT = 130;

  public static ArrivalCurve of(RunRecord record, long capacityMilli) {
    int bins = MAX_ARRIVED_PCT + 1;
    int n = record.pods();
    var arrivedBin = new int[n];
    var allocated = new double[n];
    var fragRate = new double[n];
    var fragAmount = new double[n];
    for (int i = 0; i < n; i++) {
      arrivedBin[i] = (int) Math.rint(100.0 * record.arrivedGpuMilli()[i] / capacityMilli);
      allocated[i] = round2(100.0 * record.allocatedGpuMilli()[i] / capacityMilli);
      long idle = record.idleGpuMilli()[i];
      fragRate[i] = idle == 0 ? 0 : 100.0 * record.fragmentMilli()[i] / idle;
      fragAmount[i] = 100.0 * record.fragmentMilli()[i] / capacityMilli;
    }
    var curve = new ArrivalCurve(new double[bins], new double[bins], new double[bins]);
    for (int a = 0; a < bins; a++) {
      curve.allocatedPct[a] = round2(binMean(arrivedBin, allocated, a));
      curve.fragRatePct[a] = binMean(arrivedBin, fragRate, a);
      curve.fragAmountPct[a] = round2(binMean(arrivedBin, fragAmount, a));
    }
    return curve;
  }

  private static double binMean(int[] arrivedBin, double[] values, int bin) {
    double exact = mean(arrivedBin, values, bin, bin);
    return Double.isNaN(exact) ? mean(arrivedBin, values, bin - 1, bin + 1) : exact;
  }

  private static double mean(int[] arrivedBin, double[] values, int low, int high) {
    double sum = 0;
    int count = 0;
    for (int i = 0; i < arrivedBin.length; i++) {
      if (arrivedBin[i] >= low && arrivedBin[i] <= high) {
        sum += values[i];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static double round2(double value) {
    if (Double.isNaN(value)) return value;
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Median of each bin over several runs, ignoring runs where the bin is empty. */
  public static ArrivalCurve median(List<ArrivalCurve> runs) {
    return aggregate(runs, ArrivalCurve::median);
  }

  /** Mean of each bin over several runs, ignoring runs where the bin is empty. */
  public static ArrivalCurve mean(List<ArrivalCurve> runs) {
    return aggregate(runs, values -> Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN));
  }

  private static ArrivalCurve aggregate(List<ArrivalCurve> runs, ToDoubleFunction<double[]> statistic) {
    int bins = MAX_ARRIVED_PCT + 1;
    var curve = new ArrivalCurve(new double[bins], new double[bins], new double[bins]);
    for (int a = 0; a < bins; a++) {
      int bin = a;
      curve.allocatedPct[a] = statistic.applyAsDouble(runs.stream().mapToDouble(r -> r.allocatedPct[bin]).toArray());
      curve.fragRatePct[a] = statistic.applyAsDouble(runs.stream().mapToDouble(r -> r.fragRatePct[bin]).toArray());
      curve.fragAmountPct[a] = statistic.applyAsDouble(runs.stream().mapToDouble(r -> r.fragAmountPct[bin]).toArray());
    }
    return curve;
  }

  public static double median(double[] values) {
    var present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int n = present.length;
    if (n == 0) return Double.NaN;
    return n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
  }

  public double unallocatedPct(int arrivedPct) {
    return 100 - allocatedPct[arrivedPct];
  }
}
