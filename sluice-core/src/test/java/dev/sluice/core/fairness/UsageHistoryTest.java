package dev.sluice.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageHistoryTest {
  private static final long HOUR = 3_600_000;

  @Test
  void usageHalvesEveryHalfLifeAndCountsForAncestors() throws Exception {
    var tree = QueueTree.of(List.of(new QueueSpec("dept", null, 0, Map.of(Dimension.GPU, Quota.deserved(8))),
        new QueueSpec("a", "dept", 0, Map.of()), new QueueSpec("b", "dept", 0, Map.of())));
    var history = UsageHistory.empty(0, Duration.ofHours(1)).plus(tree, "a", 100, 0);

    var later = history.plus(tree, "b", 100, 2 * HOUR);

    // a's 100 is two half-lives old: 25; b's is fresh: 100
    assertThat(later.usage().get("a")).isCloseTo(25, within(1e-9));
    assertThat(later.usage().get("dept")).isCloseTo(125, within(1e-9));
    var shares = later.shareAmongSiblings(tree);
    assertThat(shares.get("a")).isCloseTo(0.2, within(1e-9));
    assertThat(shares.get("b")).isCloseTo(0.8, within(1e-9));
    assertThat(shares.get("dept")).isEqualTo(1.0);
  }

  @Test
  void anAmountDecaysByHalfEveryHalfLifeAndNeverBackwards() {
    assertThat(UsageHistory.decay(100, HOUR, 3 * HOUR, Duration.ofHours(1))).isCloseTo(25, within(1e-9));
    assertThat(UsageHistory.decay(100, HOUR, HOUR, Duration.ofHours(1))).isEqualTo(100);
    assertThatThrownBy(() -> UsageHistory.decay(100, HOUR, 0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time went backwards");
  }

  @Test
  void twoEqualQueuesTakeTurnsAsUsageDecays() throws Exception {
    var tree = QueueTree.of(List.of(new QueueSpec("a", null, 0, Map.of(Dimension.GPU, Quota.deserved(0))),
        new QueueSpec("b", null, 0, Map.of(Dimension.GPU, Quota.deserved(0)))));
    var demand = Map.of("a", Map.of(Dimension.GPU, 8L), "b", Map.of(Dimension.GPU, 8L));
    var history = UsageHistory.empty(0, Duration.ofHours(1)).plus(tree, "a", 1_000, 0);

    var now = FairShare.compute(new FairShareInput(tree, Map.of(Dimension.GPU, 8L), demand,
        history.shareAmongSiblings(tree), 1.0));
    var muchLater = history.plus(tree, "b", 1_000, 20 * HOUR);
    var then = FairShare.compute(new FairShareInput(tree, Map.of(Dimension.GPU, 8L), demand,
        muchLater.shareAmongSiblings(tree), 1.0));

    // a used everything lately: weights 1/2 : 1 -> b gets more; twenty half-lives later it is b's turn to yield
    assertThat(now.of("b", Dimension.GPU)).isGreaterThan(now.of("a", Dimension.GPU));
    assertThat(then.of("a", Dimension.GPU)).isGreaterThan(then.of("b", Dimension.GPU));
  }
}
