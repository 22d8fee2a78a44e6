package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceReplayTest {
  private static final List<Node> NODES = List.of(Node.uniform("n0", 32_000, 65_536, 4, "T4"));
  private static final long A = TracePod.ABSENT;

  private static TracePod pod(String name, int gpus, String qos, long created, long scheduled, long deleted) {
    return new TracePod(new PodRequest(name, 1000, 1024, gpus, gpus == 0 ? 0 : 1000, Set.of()), qos, created, scheduled, deleted);
  }

  @Test
  void runtimeIsDeletionMinusScheduledElseMinusCreationElseToTheTracesEnd() {
    assertThat(TraceReplay.runtime(pod("ran", 1, "LS", 10, 15, 100), 500)).isEqualTo(85);
    assertThat(TraceReplay.runtime(pod("never-ran", 1, "LS", 10, A, 100), 500)).isEqualTo(90);
    assertThat(TraceReplay.runtime(pod("outlived", 1, "LS", 10, 15, A), 500)).isEqualTo(485);
    assertThat(TraceReplay.runtime(pod("instant", 1, "LS", 10, 15, 15), 500)).isEqualTo(1);
  }

  @Test
  void podsWithoutCreationTimeOrThatNoNodeCouldHoldAreSkippedWithTheReason() {
    var trace = List.of(pod("ok", 1, "LS", 0, 0, 10), pod("no-time", 1, "LS", A, 0, 10), pod("huge", 8, "LS", 5, 5, 10));

    var replay = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 1, 1, 1);

    assertThat(replay.pods()).extracting(p -> p.request().name()).containsExactly("ok");
    assertThat(replay.skipped()).containsExactly("no-time: no creation_time", "huge: no node could ever hold it");
  }

  @Test
  void arrivalsAreCompressedAndCopiesKeepTheTimesUnderNewNames() {
    var trace = List.of(pod("a", 1, "BE", 1000, 1000, 1500), pod("b", 0, "Guaranteed", 2999, 3000, 3100));

    var replay = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 1, 1000, 2);

    assertThat(replay.pods()).extracting(p -> p.request().name()).containsExactly("a", "b", "a#1", "b#1");
    assertThat(replay.pods()).extracting(ReplayPod::arrival).containsExactly(1L, 2L, 1L, 2L);
    assertThat(replay.pods()).extracting(ReplayPod::runtime).containsExactly(500L, 100L, 500L, 100L);
    assertThat(replay.pods()).extracting(ReplayPod::priority).containsExactly(0, 3, 0, 3);
    assertThat(replay.pods()).extracting(ReplayPod::id).containsExactly(0, 1, 2, 3);
  }

  @Test
  void podsCreatedInTheSameSecondShareAQueueAndTheSeedFixesTheDraw() {
    var trace = new ArrayList<TracePod>();
    for (int i = 0; i < 200; i++) trace.add(pod("p" + i, 1, "LS", i / 4, i / 4, 1000));

    var first = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 7, 1, 1);
    var again = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 7, 1, 1);
    var other = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 8, 1, 1);

    assertThat(first.pods()).isEqualTo(again.pods());
    assertThat(first.pods()).extracting(ReplayPod::queue).isNotEqualTo(other.pods().stream().map(ReplayPod::queue).toList());
    for (int i = 0; i < 200; i += 4) {
      assertThat(first.pods().subList(i, i + 4)).extracting(ReplayPod::queue).containsOnly(first.pods().get(i).queue());
    }
  }

  @Test
  void leavesDeserveTheirShareOfRequestedGpusAndDepartmentsTheSumOfTheirProjects() {
    var trace = new ArrayList<TracePod>();
    for (int i = 0; i < 300; i++) trace.add(pod("p" + i, 1 + i % 2, "LS", i, i, i + 10));

    var replay = TraceReplay.of(NODES, trace, TraceReplay.DEFAULT_LEAVES, 3, 1, 1);

    long total = replay.pods().stream().mapToLong(ReplayPod::gpuMilli).sum();
    var queues = replay.queues();
    long departments = 0;
    for (var department : queues.roots()) {
      long own = queues.queue(department).orElseThrow().quota(Dimension.GPU).deserved();
      long children = 0;
      for (var leaf : queues.children(department)) {
        long deserved = queues.queue(leaf).orElseThrow().quota(Dimension.GPU).deserved();
        long requested = replay.pods().stream().filter(p -> p.queue().equals(leaf)).mapToLong(ReplayPod::gpuMilli).sum();
        assertThat(deserved).isEqualTo((long) Math.floor(4000.0 * requested / total));
        children += deserved;
      }
      assertThat(own).isEqualTo(children);
      departments += own;
    }
    assertThat(departments).isBetween(4000L - 6, 4000L);
  }
}
