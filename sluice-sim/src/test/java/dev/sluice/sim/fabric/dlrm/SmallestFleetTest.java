package dev.sluice.sim.fabric.dlrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SmallestFleetTest {
  @Test
  void growsFromTheGuessThenBisectsDownToTheSmallestThatHosts() {
    var tried = new ArrayList<Integer>();
    int found = SmallestFleet.of(n -> { tried.add(n); return n >= 7; }, 3, 4, 100);

    assertThat(found).isEqualTo(7);
    assertThat(tried).as("4 fails, 5 fails, 6 fails, 7 hosts").containsExactly(4, 5, 6, 7);
  }

  @Test
  void bisectsBelowAGuessThatHosts() {
    assertThat(SmallestFleet.of(n -> n >= 37, 10, 80, 1000)).isEqualTo(37);
    assertThat(SmallestFleet.of(n -> true, 10, 80, 1000)).as("never below the lower bound").isEqualTo(10);
  }

  @Test
  void givesUpAtTheLimit() {
    assertThat(SmallestFleet.of(n -> n >= 500, 1, 10, 100)).isEqualTo(SmallestFleet.NONE);
    assertThat(SmallestFleet.of(n -> true, 200, 10, 100)).isEqualTo(SmallestFleet.NONE);
  }
}
