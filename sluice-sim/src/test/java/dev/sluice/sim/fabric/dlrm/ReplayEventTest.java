package dev.sluice.sim.fabric.dlrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayEventTest {
  private static DlrmInstance instance(int row, long created, long deleted) {
    return new DlrmInstance("i" + row, Role.CN, "a", 1000, 0, 1, 1024, 1, 0, created, deleted, row);
  }

  @Test
  void deletionsGoBeforeCreationsAtTheSameTimeAndInstantOnesRightAfterTheirCreation() {
    var instances = List.of(
        instance(0, 5000, 9000),
        instance(1, DlrmInstance.BEFORE_START, 5000),
        instance(2, 5000, 5000),
        instance(3, DlrmInstance.BEFORE_START, DlrmInstance.AFTER_END));

    var order = ReplayEvent.of(instances).stream().map(e -> (e.creates() ? "+" : "-") + e.instance() + "@" + e.timeMs()).toList();

    assertThat(order).containsExactly("+1@0", "+3@0", "-1@5000", "+0@5000", "+2@5000", "-2@5000", "-0@9000");
  }
}
