package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsolidationAndGangTest {
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
  private final List<Node> twoSingleGpuNodes = List.of(Node.uniform("n0", 8_000, 32_768, 1, "H100"),
      Node.uniform("n1", 8_000, 32_768, 1, "H100"));

  private static QueueTree team() throws Exception {
    return QueueTree.of(List.of(new QueueSpec("team", null, 0, Map.of(Dimension.GPU, Quota.deserved(2000)))));
  }

  private static Workload fraction(String id, int milli, boolean preemptible) {
    return Workload.of(id, "team", "u", 0, List.of(new PodRequest(id + "-0", 1_000, 1024, 1, milli, Set.of())))
        .withPreemptible(preemptible);
  }

  private static RunningWorkload on(Workload workload, String node) {
    return new RunningWorkload(workload, List.of(new PodBinding(workload.pods().getFirst(), node, List.of(0))), 0);
  }

  /** Preemptible a (half a GPU) on n0, b ({@code bMilli}, not preemptible) on n1, and a whole-GPU workload waiting. */
  private SchedulerSnapshot twoHalfGpusAndAWholeOne(int bMilli) throws Exception {
    var a = fraction("a", 500, true);
    var b = fraction("b", bMilli, false);
    var whole = Workload.of("whole", "team", "u", 10, List.of(new PodRequest("whole-0", 1_000, 1024, 1, 1000, Set.of())))
        .withPreemptible(true); // so that it may borrow: with b at 600 the three ask more than the queue deserves
    return SchedulerSnapshot.of(twoSingleGpuNodes, List.of(on(a, "n0"), on(b, "n1")), List.of(whole), team(),
        UsageHistory.empty(0, Duration.ofHours(1)), 60_000);
  }

  @Test
  void preemptibleFractionsMoveTogetherToFreeAWholeGpu() throws Exception {
    var snapshot = twoHalfGpusAndAWholeOne(500);

    var result = scheduler.cycle(snapshot);

    assertThat(result.moves()).singleElement().satisfies(move -> {
      assertThat(move.workload().id()).isEqualTo("a");
      assertThat(move.to()).singleElement().satisfies(binding -> assertThat(binding.node()).isEqualTo("n1"));
      assertThat(move.cause().kind()).isEqualTo(EvictionCause.Kind.CONSOLIDATE);
      assertThat(move.cause().byWorkload()).isEqualTo("whole");
    });
    assertThat(result.binds()).singleElement().satisfies(bind -> assertThat(bind.pods().getFirst().node()).isEqualTo("n0"));
    assertThat(result.evictions()).isEmpty();
  }

  @Test
  void anExecutorThatCannotMoveRunningWorkGetsNoConsolidation() throws Exception {
    var snapshot = twoHalfGpusAndAWholeOne(500);

    var result = new Scheduler(SchedulerConfig.defaults().withMoves(false)).cycle(snapshot);

    assertThat(result.moves()).as("a would start again from nothing").isEmpty();
    assertThat(result.evictions()).isEmpty();
    assertThat(result.pending()).singleElement().satisfies(p -> assertThat(p.workload().id()).isEqualTo("whole"));
  }

  @Test
  void nothingMovesWhenAMovedPodCouldNotBePlacedAgain() throws Exception {
    var snapshot = twoHalfGpusAndAWholeOne(600);

    var result = scheduler.cycle(snapshot);

    assertThat(result.moves()).isEmpty();
    assertThat(result.evictions()).as("a is in quota and the queue has no higher-priority claim").isEmpty();
    assertThat(result.pending()).singleElement().satisfies(p -> assertThat(p.reason().code()).isEqualTo("no-node-fits"));
  }

  @Test
  void aGangThatOnlyPartlyFitsWaitsWholeAndSaysHowManyFit() {
    var story = Scenario.cluster().nodes(2, "A100", 4).queue("team", 16);
    story.job("gang").in("team").pods(3, 4).submit();

    story.cycle();

    assertThat(story.isRunning("gang")).isFalse();
    assertThat(story.pendingDecision("gang").reason()).isInstanceOfSatisfying(PendingReason.GangIncomplete.class, r -> {
      assertThat(r.minMembers()).isEqualTo(3);
      assertThat(r.placeable()).isEqualTo(2);
    });
    assertThat(story.current().cluster().free().gpuMilli()).as("nothing held by the waiting gang").isEqualTo(8000);
  }

  @Test
  void anElasticWorkloadStartsWithWhatFitsBetweenItsMinimumAndMaximum() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue("team", 8);
    story.job("elastic").in("team").pods(6, 1).elastic(2).submit();

    story.cycle();

    assertThat(story.running("elastic")).hasValueSatisfying(r -> assertThat(r.bindings()).hasSize(4));
  }

  @Test
  void waitingWorkloadsKnowTheirPlaceInTheQueue() {
    var story = Scenario.cluster().nodes(1, "A100", 1).queue("team", 1);
    story.job("running").in("team").submit().cycle();
    story.advance(1).job("later").in("team").submit();
    story.advance(1).job("latest").in("team").submit();
    story.job("urgent").in("team").priority(PriorityClass.BUILD).submit();

    story.cycle();

    assertThat(story.pendingDecision("urgent").queuePosition()).isEqualTo(1);
    assertThat(story.pendingDecision("later").queuePosition()).isEqualTo(2);
    assertThat(story.pendingDecision("latest").queuePosition()).isEqualTo(3);
  }
}
