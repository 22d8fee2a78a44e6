package dev.sluice.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.fairness.UsageMeter.HeldGpus;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageMeterTest {
  private static final Duration HALF_LIFE = Duration.ofHours(1);
  private static final long HOUR = 3_600_000;
  private QueueTree tree;

  @BeforeEach
  void queues() throws Exception {
    tree = QueueTree.of(List.of(new QueueSpec("dept", null, 0, Map.of()), new QueueSpec("a", "dept", 0, Map.of()),
        new QueueSpec("b", "dept", 0, Map.of())));
  }

  @Test
  void theFirstReadingOnlyStartsTheMeterAndLaterOnesAddGpuMilliSecondsToTheQueueAndItsAncestors() {
    var meter = new UsageMeter(UsageHistory.empty(0, HALF_LIFE));
    var held = List.of(HeldGpus.throughout("a", 2_000));

    assertThat(meter.read(tree, held, 1_000).usage()).isEmpty();
    var history = meter.read(tree, held, 3_000);

    assertThat(history.usage()).containsOnlyKeys("a", "dept");
    assertThat(history.usage().get("a")).as("two GPUs for two seconds").isCloseTo(4_000, within(1e-9));
    assertThat(history.usage().get("dept")).isCloseTo(4_000, within(1e-9));
    assertThat(meter.history()).isSameAs(history);
  }

  @Test
  void workThatStartedAfterTheLastReadingCountsFromItsStartAndAnUnknownQueueNotAtAll() {
    var meter = new UsageMeter(UsageHistory.empty(0, HALF_LIFE));
    meter.read(tree, List.of(), 0);

    var history = meter.read(tree, List.of(new HeldGpus("a", 1_000, 1_500), new HeldGpus("gone", 1_000, 0),
        new HeldGpus("b", 1_000, 5_000)), 2_000);

    assertThat(history.usage()).containsOnlyKeys("a", "dept");
    assertThat(history.usage().get("a")).isCloseTo(500, within(1e-9));
  }

  @Test
  void aStartingHistoryDecaysAndAReadingThatDoesNotMoveOnAddsNothing() {
    var meter = new UsageMeter(new UsageHistory(Map.of("a", 1_000.0), 0, HALF_LIFE));
    var held = List.of(HeldGpus.throughout("a", 1_000));

    assertThat(meter.read(tree, held, 2 * HOUR).usage().get("a")).isCloseTo(250, within(1e-9));
    assertThat(meter.read(tree, held, HOUR).usage().get("a")).as("a clock that went back").isCloseTo(250, within(1e-9));
    assertThat(meter.read(tree, held, 2 * HOUR).atMillis()).isEqualTo(2 * HOUR);
  }
}
