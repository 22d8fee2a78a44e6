package dev.sluice.sim.fgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalCurveTest {
  /** A 10-GPU cluster: 10,000 milli. */
  private static final long CAPACITY = 10_000;

  private static RunRecord record(long[] arrived, long[] allocated) {
    var fragment = new double[arrived.length];
    var idle = new long[arrived.length];
    for (int i = 0; i < arrived.length; i++) {
      fragment[i] = 100;
      idle[i] = CAPACITY - allocated[i];
    }
    return new RunRecord(arrived, allocated, fragment, idle);
  }

  @Test
  void rowsAreBinnedByArrivedPercentRoundedHalfToEven() {
    // arrived 4.5 % -> bin 4, 5.5 % -> bin 6, 5.0 % -> bin 5
    var curve = ArrivalCurve.of(record(new long[] {450, 500, 550}, new long[] {450, 500, 500}), CAPACITY);

    assertThat(curve.allocatedPct()[4]).isEqualTo(4.5);
    assertThat(curve.allocatedPct()[5]).isEqualTo(5.0);
    assertThat(curve.allocatedPct()[6]).isEqualTo(5.0);
  }

  @Test
  void anEmptyBinTakesTheRowsWithinOneAndFartherBinsStayEmpty() {
    // rows at 10 % and 12 %: bin 11 averages both; bin 20 has nothing near
    var curve = ArrivalCurve.of(record(new long[] {1000, 1200}, new long[] {1000, 1100}), CAPACITY);

    assertThat(curve.allocatedPct()[11]).isEqualTo(10.5);
    assertThat(curve.allocatedPct()[20]).isNaN();
    assertThat(curve.unallocatedPct(10)).isEqualTo(90.0);
    assertThat(curve.fragRatePct()[10]).isEqualTo(100.0 * 100 / 9000);
  }

  @Test
  void mediansAndMeansSkipRunsWithoutTheBin() {
    var a = ArrivalCurve.of(record(new long[] {1000}, new long[] {900}), CAPACITY);
    var b = ArrivalCurve.of(record(new long[] {1000}, new long[] {700}), CAPACITY);
    var c = ArrivalCurve.of(record(new long[] {1000, 3000}, new long[] {800, 2000}), CAPACITY);
    var d = ArrivalCurve.of(record(new long[] {1000}, new long[] {600}), CAPACITY);

    assertThat(ArrivalCurve.median(List.of(a, b, c, d)).allocatedPct()[10]).isEqualTo(7.5);
    assertThat(ArrivalCurve.mean(List.of(a, b, c)).allocatedPct()[10]).isEqualTo(8.0);
    assertThat(ArrivalCurve.median(List.of(a, b, c)).allocatedPct()[30]).isEqualTo(20.0);
  }
}
