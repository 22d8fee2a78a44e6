package dev.sluice.core.scheduler;

import static dev.sluice.core.scheduler.Scenario.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stories on virtual time; each cycle's decisions are committed before the next. */
class SchedulerScenarioTest {

  @Test
  void aQueueBorrowsIdleQuotaAndIsReclaimedWithinOneCycleWhenTheOwnerSubmits() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue("research", 4).queue("prod", 4);
    for (int i = 0; i < 8; i++) story.job("r" + i).in("research").preemptible().submit();
    story.cycle();
    assertThat(story.gpusOf("research")).as("research borrows prod's idle GPUs").isEqualTo(8);

    story.advance(MINUTE).job("p0").in("prod").pods(4, 1).submit();
    var result = story.cycle();

    assertThat(story.isRunning("p0")).isTrue();
    assertThat(story.gpusOf("prod")).isEqualTo(4);
    assertThat(story.gpusOf("research")).isEqualTo(4);
    assertThat(result.evictions()).hasSize(4).allSatisfy(e -> {
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.DESERVED);
      assertThat(e.cause().byWorkload()).isEqualTo("p0");
      assertThat(e.workload().queue()).isEqualTo("research");
    });
    assertThat(result.evictions()).extracting(e -> e.workload().id()).containsExactlyInAnyOrder("r4", "r5", "r6", "r7");
    assertThat(story.pendingDecision("r4").reason().code()).isIn("fair-share", "over-quota");
  }

  @Test
  void aHigherPriorityWorkloadPreemptsLowerPriorityPreemptibleWorkInItsQueue() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue("team", 4);
    story.job("batch").in("team").pods(4, 1).preemptible().submit().cycle();
    story.job("keep").in("team").pods(1, 1).submit();
    story.advance(MINUTE).job("urgent").in("team").pods(2, 1).priority(PriorityClass.BUILD).submit();

    var result = story.cycle();

    assertThat(result.evictions()).singleElement().satisfies(e -> {
      assertThat(e.workload().id()).isEqualTo("batch");
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.PREEMPT);
      assertThat(e.cause().byWorkload()).isEqualTo("urgent");
    });
    assertThat(story.isRunning("urgent")).isTrue();
    assertThat(story.isRunning("keep")).as("the freed GPUs left after urgent go to the next in line").isTrue();
    assertThat(story.isPending("batch")).isTrue();
  }

  @Test
  void atItsLimitAQueuePreemptsLowerPriorityWorkToStayWithinIt() {
    var capped = new QueueSpec("team", null, 0, Map.of(Dimension.GPU, new Quota(2000, 2000, 1, Quota.UNLIMITED)));
    var story = Scenario.cluster().nodes(1, "A100", 4).queue(capped);
    story.job("low0").in("team").preemptible().submit().job("low1").in("team").preemptible().submit().cycle();
    story.advance(MINUTE).job("urgent").in("team").priority(new PriorityClass("urgent", 60)).submit();

    var result = story.cycle();

    assertThat(result.evictions()).singleElement().satisfies(e -> {
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.PREEMPT);
      assertThat(e.workload().id()).as("the newest of the two").isEqualTo("low1");
    });
    assertThat(story.isRunning("urgent")).as("two GPUs stay idle: the limit is 2").isTrue();
    assertThat(story.gpusOf("team")).isEqualTo(2);
  }

  @Test
  void minimumRuntimeProtectsARunningWorkloadFromPreemptionUntilItIsServed() {
    var story = Scenario.cluster().nodes(1, "A100", 2).queue("team", 2);
    story.job("batch").in("team").pods(2, 1).preemptible().runtimes(10 * MINUTE, 0, 0).submit().cycle();
    story.advance(5 * MINUTE).job("urgent").in("team").pods(2, 1).priority(PriorityClass.BUILD).submit();

    assertThat(story.cycle().evictions()).as("batch has run 5 of its 10 minutes").isEmpty();
    assertThat(story.pendingDecision("urgent").reason().code()).as("the queue's 2 GPUs are taken")
        .isEqualTo("non-preemptible-over-quota");

    story.advance(5 * MINUTE);
    assertThat(story.cycle().evictions()).extracting(e -> e.workload().id()).containsExactly("batch");
    assertThat(story.isRunning("urgent")).isTrue();
  }

  @Test
  void aBigGangWaitsForItsReservationWhileShortJobsBackfillWithoutDelayingIt() {
    var story = Scenario.cluster().nodes(2, "H100", 8).queue("team", 16);
    story.job("a").in("team").pods(1, 6).runtimes(0, 0, 60 * MINUTE).submit();
    story.job("b").in("team").pods(1, 6).runtimes(0, 0, 30 * MINUTE).submit();
    story.cycle();
    story.advance(MINUTE).job("gang").in("team").pods(2, 8).submit();
    story.job("long").in("team").pods(1, 2).runtimes(0, 0, 120 * MINUTE).submit();
    story.job("short").in("team").pods(1, 2).runtimes(0, 10 * MINUTE, 0).submit();

    story.cycle();

    assertThat(story.pendingDecision("gang").reason().code()).as("a and b hold 12 of the queue's 16")
        .isEqualTo("non-preemptible-over-quota");
    assertThat(story.isRunning("short")).as("ends at 11 min, before the reservation at 60").isTrue();
    assertThat(story.pendingDecision("long").reason()).isInstanceOfSatisfying(PendingReason.BehindReservation.class,
        r -> {
          assertThat(r.reservedFor()).isEqualTo("gang");
          assertThat(r.reservationStart()).isEqualTo(60 * MINUTE);
        });

    story.advance(59 * MINUTE).finish("a").finish("b").finish("short");
    story.cycle();
    assertThat(story.isRunning("gang")).as("the reserved nodes are free when the gang's turn comes").isTrue();
  }

  @Test
  void quotaPerGpuModelKeepsH100AndA100Apart() {
    var h100Only = new QueueSpec("vision", null, 0, Map.of(Dimension.gpu("H100"), new Quota(2000, 2000, 1, Quota.UNLIMITED)));
    var story = Scenario.cluster().nodes(1, "H100", 4).nodes(1, "A100", 4).queue(h100Only).queue("nlp", 4);
    story.job("v1").in("vision").pods(2, 1).on("H100").submit();
    story.job("v2").in("vision").pods(1, 1).on("H100").submit();
    story.job("v3").in("vision").pods(1, 1).on("A100").submit();

    story.cycle();

    assertThat(story.isRunning("v1")).isTrue();
    assertThat(story.pendingDecision("v2").reason()).isInstanceOfSatisfying(PendingReason.OverLimit.class, r -> {
      assertThat(r.dimension()).isEqualTo(Dimension.gpu("H100"));
      assertThat(r.limit()).isEqualTo(2000);
    });
    assertThat(story.isRunning("v3")).as("A100 is not limited for vision").isTrue();
  }

  @Test
  void pastUsageDecaysSoTheQueueThatUsedLessGetsMoreOfTheSurplus() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue("a", 0).queue("b", 0).used("a", 1_000_000);
    for (int i = 0; i < 8; i++) { // preemptible: only such work may borrow above deserved quota
      story.job("a" + i).in("a").preemptible().submit();
      story.job("b" + i).in("b").preemptible().submit();
    }

    story.cycle();

    assertThat(story.gpusOf("b")).isGreaterThan(story.gpusOf("a"));
    assertThat(story.gpusOf("a") + story.gpusOf("b")).isEqualTo(8);
  }

  @Test
  void reclaimWaitsUntilTheBorrowersHaveServedTheirMinimumRuntime() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue("research", 4).queue("prod", 4);
    for (int i = 0; i < 8; i++) story.job("r" + i).in("research").preemptible().runtimes(10 * MINUTE, 0, 0).submit();
    story.cycle();

    story.advance(MINUTE).job("p0").in("prod").pods(4, 1).submit();
    assertThat(story.cycle().evictions()).isEmpty();
    assertThat(story.pendingDecision("p0").reason().code()).isEqualTo("no-node-fits");

    story.advance(9 * MINUTE);
    assertThat(story.cycle().evictions()).hasSize(4);
    assertThat(story.isRunning("p0")).isTrue();
  }

  @Test
  void aQueueWithinItsDeservedQuotaKeepsEvenItsPreemptibleWork() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue("research", 4).queue("prod", 4).queue("lab", 0);
    for (int i = 0; i < 4; i++) story.job("r" + i).in("research").preemptible().submit();
    for (int i = 0; i < 4; i++) story.job("l" + i).in("lab").preemptible().submit();
    story.cycle();

    story.advance(MINUTE).job("p0").in("prod").pods(4, 1).submit();
    var result = story.cycle();

    assertThat(result.evictions()).extracting(e -> e.workload().queue()).containsOnly("lab");
    assertThat(story.gpusOf("research")).isEqualTo(4);
    assertThat(story.isRunning("p0")).isTrue();
  }
  @Test
  void aSearchForVictimsThatMakesRoomCostsNothingOfTheCyclesBudgetOfFailedSearches() {
    // A budget of one failed search: the owner's four claims all succeed in one cycle, each taking one borrowed node.
    var defaults = SchedulerConfig.defaults();
    var story = Scenario.cluster().nodes(8, "A100", 8).queue("research", 32).queue("prod", 32)
        .config(new SchedulerConfig(defaults.placementPolicy(), defaults.historyWeight(), defaults.seed(), 1,
            defaults.reservationDepth()));
    for (int i = 0; i < 8; i++) story.job("r" + i).in("research").pods(1, 8).preemptible().submit();
    story.cycle();
    story.advance(MINUTE);
    for (int i = 0; i < 4; i++) story.job("p" + i).in("prod").pods(1, 8).submit();

    var first = story.cycle();

    assertThat(first.evictions()).hasSize(4);
    assertThat(story.gpusOf("prod")).isEqualTo(32);
    assertThat(story.gpusOf("research")).isEqualTo(32);
    assertThat(first.pending()).extracting(p -> p.workload().id()).containsExactlyInAnyOrder("r4", "r5", "r6", "r7");
    assertThat(first.pending()).allSatisfy(p -> assertThat(p.reason()).isNotNull());
  }
}
