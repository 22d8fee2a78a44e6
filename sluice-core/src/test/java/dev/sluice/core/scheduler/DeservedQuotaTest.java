package dev.sluice.core.scheduler;

import static dev.sluice.core.scheduler.Scenario.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stories of the guarantee: a queue asking for no more than its deserved quota gets it, by evicting work of
 * queues above theirs, whatever the shape of that work and whatever resource is short.
 */
class DeservedQuotaTest {

  @Test
  void aQueueWithinItsDeservedQuotaEvictsAnIndivisibleTwoGpuJobOfAQueueThatDeservesOne() {
    var story = Scenario.cluster().nodes(1, "A100", 2).queue("a", 1).queue("b", 1);
    story.job("b-big").in("b").pods(1, 2).preemptible().submit().cycle();
    assertThat(story.gpusOf("b")).as("b borrows a's idle GPU").isEqualTo(2);

    story.advance(MINUTE).job("a-one").in("a").submit();
    var result = story.cycle();

    assertThat(result.evictions()).singleElement().satisfies(e -> {
      assertThat(e.workload().id()).isEqualTo("b-big");
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.DESERVED);
      assertThat(e.cause().byWorkload()).isEqualTo("a-one");
    });
    assertThat(story.isRunning("a-one")).isTrue();
    assertThat(story.pendingDecision("b-big").reason().code()).as("one GPU is free, b-big needs two").isEqualTo("no-node-fits");
    for (int i = 0; i < 3; i++) {
      assertThat(story.advance(MINUTE).cycle().evictions()).as("b-big cannot take the GPU back: a is within deserved").isEmpty();
    }
    assertThat(story.isRunning("a-one")).isTrue();
  }

  @Test
  void aVictimThatFitsElsewhereIsMovedThereWhereTheExecutorCanMoveRunningWork() {
    // Two nodes, each half held by research, which deserves 4 GPUs and runs 8; prod needs a whole node. Research's
    // work may not be preempted (its queue lets it borrow), so consolidation leaves it: the claim takes it.
    var story = Scenario.cluster().nodes(2, "A100", 8).queue("prod", 8)
        .queue(new QueueSpec("research", null, 0, Map.of(Dimension.GPU, Quota.deserved(4000)), true));
    for (int i = 1; i <= 4; i++) story.job("r" + i).in("research").pods(1, 4).submit();
    story.cycle();
    story.finish("r2").finish("r4");
    assertThat(story.running("r1").orElseThrow().bindings().getFirst().node())
        .isNotEqualTo(story.running("r3").orElseThrow().bindings().getFirst().node());

    story.advance(MINUTE).job("p0").in("prod").pods(1, 8).submit();
    var result = story.cycle();

    assertThat(story.isRunning("p0")).isTrue();
    assertThat(result.evictions()).as("nothing stops: the victim runs on elsewhere").isEmpty();
    assertThat(result.moves()).singleElement().satisfies(move -> {
      assertThat(move.cause().kind()).isEqualTo(EvictionCause.Kind.DESERVED);
      assertThat(move.to().getFirst().node()).isNotEqualTo(move.from().getFirst().node());
    });
    assertThat(story.gpusOf("research")).isEqualTo(8);
  }

  @Test
  void aTenGpuJobWithinItsDeservedQuotaEvictsTwoWholeEightGpuJobsLeavingTheirQueueBelowItsDeservedQuota() {
    var story = Scenario.cluster().nodes(2, "H100", 8).queue("a", 10).queue("b", 2);
    for (int i = 0; i < 2; i++) story.job("b" + i).in("b").pods(1, 8).preemptible().submit();
    story.cycle();
    story.advance(MINUTE).job("a-ten").in("a").pods(1, 8).andPods(1, 2).submit();

    var result = story.cycle();

    assertThat(story.isRunning("a-ten")).isTrue();
    assertThat(result.evictions()).as("both of b's jobs hold a node a needs part of").hasSize(2)
        .allSatisfy(e -> assertThat(e.cause().byWorkload()).isEqualTo("a-ten"));
    assertThat(story.gpusOf("b")).isZero();
    assertThat(story.advance(MINUTE).cycle().evictions()).isEmpty();
  }

  @Test
  void ofANewerTwoGpuJobAndAnOlderOneGpuJobAboveQuotaTheOneGpuJobGoes() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue("a", 3).queue("b", 1);
    story.job("a0").in("a").submit();
    story.job("b-old").in("b").pods(1, 1).preemptible().submit().cycle();
    story.advance(MINUTE).job("b-new").in("b").pods(1, 2).preemptible().submit().cycle();
    assertThat(story.gpusOf("b")).isEqualTo(3);

    story.advance(MINUTE).job("a1").in("a").submit();
    var result = story.cycle();

    assertThat(result.evictions()).extracting(e -> e.workload().id()).as("fewest GPUs lost first").containsExactly("b-old");
    assertThat(story.isRunning("a1")).isTrue();
    assertThat(story.isRunning("b-new")).isTrue();
  }

  @Test
  void onAFragmentedClusterAGangWithinDeservedQuotaTakesAWholeNodeFromTheQueueAboveItsDeservedQuota() {
    var story = Scenario.cluster().nodes(2, "H100", 8).queue("a", 12).queue("b", 2);
    story.job("a-x").in("a").pods(1, 6).submit().job("a-y").in("a").pods(1, 6).submit().cycle();
    story.advance(MINUTE).job("b0").in("b").pods(1, 2).preemptible().submit().job("b1").in("b").pods(1, 2).preemptible().submit();
    story.cycle();
    story.advance(MINUTE).finish("a-x").finish("a-y");
    assertThat(story.current().cluster().free().gpuMilli()).as("6 + 6 free GPUs").isEqualTo(12_000);
    story.job("gang").in("a").pods(1, 8).andPods(1, 2).submit();

    var result = story.cycle();

    assertThat(story.isRunning("gang")).as("b holds 4 GPUs, 2 more than it deserves").isTrue();
    var displaced = result.evictions().stream().map(e -> e.workload().id()).toList();
    var moved = result.moves().stream().map(m -> m.workload().id()).toList();
    assertThat(displaced.size() + moved.size()).as("one of b's jobs makes way").isEqualTo(1);
    assertThat(story.gpusOf("b")).as("the job that made way found room on the other node").isEqualTo(4);
    assertThat(story.advance(MINUTE).cycle().evictions()).isEmpty();
  }

  @Test
  void whenCpuIsWhatIsShortAQueueWithinItsDeservedGpuQuotaTakesTheCpuFromTheBorrower() {
    var story = Scenario.cluster().node(Node.uniform("small", 2_000, 64 * 1024, 4, "A100")).queue("a", 1).queue("b", 1);
    story.job("b0").in("b").preemptible().submit().job("b1").in("b").preemptible().submit().cycle();
    assertThat(story.gpusOf("b")).isEqualTo(2);

    story.advance(MINUTE).job("a0").in("a").submit();
    var result = story.cycle();

    assertThat(story.isRunning("a0")).as("two GPUs are free, the CPU is not").isTrue();
    assertThat(result.evictions()).extracting(e -> e.workload().id()).containsExactly("b1");
    assertThat(story.isRunning("b0")).as("b keeps its deserved GPU").isTrue();
  }

  @Test
  void anElasticWorkloadEvictedWholeToMakeRoomStartsAgainWithWhatIsLeft() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue("a", 2).queue("b", 2);
    story.job("elastic").in("b").pods(4, 1).elastic(1).preemptible().submit().cycle();
    assertThat(story.gpusOf("b")).isEqualTo(4);

    story.advance(MINUTE).job("a0").in("a").pods(2, 1).submit();
    story.cycle();

    assertThat(story.isRunning("a0")).isTrue();
    assertThat(story.running("elastic")).as("restarted at once with the two GPUs a leaves")
        .hasValueSatisfying(r -> assertThat(r.bindings()).hasSize(2));
  }

  @Test
  void workThatMayNotBePreemptedRunsOnlyWithinDeservedQuotaUnlessItsQueueAllowsIt() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue("a", 1).queue("b", 1);
    story.job("a-kept").in("a").submit().job("a-more").in("a").submit();
    story.job("b-kept").in("b").submit().job("b-borrows").in("b").preemptible().submit();
    story.cycle();

    assertThat(story.isRunning("a-kept")).isTrue();
    assertThat(story.pendingDecision("a-more").reason()).as("a GPU is idle, but it could not be reclaimed once borrowed")
        .isInstanceOf(PendingReason.NonPreemptibleOverQuota.class);
    assertThat(story.pendingDecision("a-more").reason().message()).contains("make it preemptible to borrow");
    assertThat(story.isRunning("b-borrows")).as("preemptible work borrows the idle quota").isTrue();

    var allowing = Scenario.cluster().nodes(1, "A100", 2).queue("d", 1)
        .queue(new QueueSpec("c", null, 0, Map.of(Dimension.GPU, Quota.deserved(1000)), true));
    allowing.job("c-kept").in("c").submit().job("c-more").in("c").submit();
    allowing.cycle();
    assertThat(allowing.isRunning("c-more")).as("queue c lets its non-preemptible work borrow d's idle GPU").isTrue();
  }

  @Test
  void withNoCandidateToEvictTheReasonStaysWhatHoldsTheWorkloadBack() {
    var story = Scenario.cluster().nodes(1, "A100", 2).queue("a", 2).queue("b", 0);
    story.job("b0").in("b").pods(1, 2).preemptible().runtimes(60 * MINUTE, 0, 0).submit().cycle();
    story.advance(MINUTE).job("a0").in("a").pods(1, 2).submit();

    story.cycle();

    assertThat(story.isRunning("a0")).isFalse();
    assertThat(story.pendingDecision("a0").reason().code()).as("b0 has not served its minimum runtime").isEqualTo("no-node-fits");
  }

  @Test
  void whenNoVictimSetWorksThePendingReasonSaysWhy() {
    var story = Scenario.cluster().nodes(1, "H100", 1).nodes(1, "A100", 1).queue("a", 1).queue("b", 0).queue("c", 1);
    story.job("c0").in("c").on("H100").submit().job("b0").in("b").on("A100").preemptible().submit().cycle();
    story.advance(MINUTE).job("a0").in("a").on("H100").submit();

    story.cycle();

    assertThat(story.isRunning("a0")).isFalse();
    assertThat(story.pendingDecision("a0").reason()).isInstanceOfSatisfying(PendingReason.NoVictimSet.class, r -> {
      assertThat(r.code()).isEqualTo("no-victim-set");
      assertThat(r.blocker().code()).isEqualTo("no-node-fits");
      assertThat(r.message()).as("the only victim runs on an A100").contains("no set of victims makes room: ")
          .contains(" victim sets looked at: ").contains(" leave no room it fits");
    });
  }
}
