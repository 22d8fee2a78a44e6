package dev.sluice.sim.fgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FgdResultTest {
  /** A run whose only row sits at arrived = 100 % of a 10-GPU cluster with {@code allocated} milli. */
  private static FgdResult.Run run(String policy, long seed, long allocated) {
    var record = new RunRecord(new long[] {10_000}, new long[] {allocated}, new double[] {0}, new long[] {10_000 - allocated});
    return new FgdResult.Run(policy, seed, ArrivalCurve.of(record, 10_000), null);
  }

  private static SeedSetup setup(long seed) {
    return new SeedSetup(seed, List.of(), new int[0], 0);
  }

  @Test
  void pairsPoliciesSeedBySeed() {
    // unallocated %: fgd 5, 4, 6; sluice 4, 4.5, 5 -> differences -1, +0.5, -1 -> mean -0.5, two wins
    var result = new FgdResult(List.of("fgd", "sluice"), List.of(setup(1), setup(2), setup(3)), List.of(
        run("fgd", 1, 9_500), run("sluice", 1, 9_600), run("fgd", 2, 9_600), run("sluice", 2, 9_550),
        run("fgd", 3, 9_400), run("sluice", 3, 9_500)));

    var paired = result.paired("sluice", "fgd", 100);

    assertThat(paired.meanDifference()).isCloseTo(-0.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(paired.wins()).isEqualTo(2);
    assertThat(paired.seeds()).isEqualTo(3);
  }
}
