package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalltimesTest {
  private static ReplayWorkload pods() {
    var workloads = new Workloads();
    for (int i = 0; i < 200; i++) workloads.pod(i % 2 == 0 ? "a" : "b", 0, i, 1 + 37L * i, 1);
    return workloads.build();
  }

  @Test
  void declaredWalltimesAreAtLeastTheRuntimeAtMostTenTimesItRoundedUpToAMinuteAndSpreadOut() {
    var declared = Walltimes.DECLARED.applyTo(pods(), 42);

    int exact = 0;
    for (var pod : declared.pods()) {
      assertThat(pod.walltime()).isGreaterThanOrEqualTo(pod.runtime());
      assertThat(pod.walltime() % 60 == 0 || pod.walltime() == pod.runtime()).isTrue();
      assertThat(pod.walltime()).isLessThanOrEqualTo((10 * pod.runtime() + 59) / 60 * 60);
      if (pod.walltime() < 2 * pod.runtime()) exact++;
    }
    // accuracy uniform on [0.1, 1]: walltime < 2 x runtime when accuracy > 0.5, about 56 % of pods (pods under a
    // minute round up to one, so fewer qualify); not all of them, not none
    assertThat(exact).isBetween(20, 180);
  }

  @Test
  void theSameSeedGivesTheSameWalltimesAndLeavesQueuesAndRuntimesAlone() {
    var first = Walltimes.DECLARED.applyTo(pods(), 7);
    var again = Walltimes.DECLARED.applyTo(pods(), 7);
    var other = Walltimes.DECLARED.applyTo(pods(), 8);

    assertThat(again.pods()).isEqualTo(first.pods());
    assertThat(other.pods()).isNotEqualTo(first.pods());
    for (int i = 0; i < first.pods().size(); i++) {
      assertThat(first.pods().get(i).withWalltime(0)).isEqualTo(pods().pods().get(i));
    }
  }

  @Test
  void exactIsTheRuntimeAndNoneIsNothing() {
    assertThat(Walltimes.EXACT.applyTo(pods(), 1).pods()).allSatisfy(p -> assertThat(p.walltime()).isEqualTo(p.runtime()));
    assertThat(Walltimes.NONE.applyTo(pods(), 1).pods()).allSatisfy(p -> assertThat(p.walltime()).isZero());
  }
}
