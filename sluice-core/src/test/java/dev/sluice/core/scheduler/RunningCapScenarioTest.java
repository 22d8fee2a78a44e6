package dev.sluice.core.scheduler;

import static dev.sluice.core.scheduler.Scenario.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stories of queues that cap their number of running workloads ({@link RunningCaps}); each cycle is committed. */
class RunningCapScenarioTest {

  /** A top-level queue that deserves {@code gpus} GPUs and runs at most {@code cap} workloads at once. */
  private static QueueSpec capped(String name, String parent, int gpus, int cap) {
    return new QueueSpec(name, parent, 0, Map.of(Dimension.GPU, Quota.deserved(gpus * 1000L))).withMaxRunningWorkloads(cap);
  }

  @Test
  void aCappedQueueStartsUpToItsCapInOneCycleAndTheNextWhenOneEnds() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue(capped("team-a", null, 4, 2)).queue("team-b", 4);
    for (int i = 0; i < 4; i++) story.job("a" + i).in("team-a").submit();
    story.job("b0").in("team-b").submit();

    story.cycle();

    assertThat(story.isRunning("a0") && story.isRunning("a1")).as("two start in the same cycle").isTrue();
    assertThat(story.isRunning("b0")).isTrue();
    assertThat(story.pendingDecision("a2").reason()).isEqualTo(new PendingReason.AtRunningCap("team-a", 2, 2));
    assertThat(story.pendingDecision("a2").reason().message()).isEqualTo("queue team-a is at its cap of 2 running workloads");
    assertThat(story.pendingDecision("a2").queuePosition()).isEqualTo(1);
    assertThat(story.pendingDecision("a3").queuePosition()).isEqualTo(2);

    story.advance(MINUTE).finish("a0").cycle();

    assertThat(story.isRunning("a2")).isTrue();
    assertThat(story.pendingDecision("a3").reason().code()).isEqualTo("running-cap");
  }

  @Test
  void aGangCountsAsOneWorkload() {
    var story = Scenario.cluster().nodes(2, "A100", 8).queue(capped("team", null, 16, 1));
    story.job("gang").in("team").pods(4, 2).submit().job("single").in("team").submit();

    story.cycle();

    assertThat(story.isRunning("gang")).isTrue();
    assertThat(story.gpusOf("team")).isEqualTo(8);
    assertThat(story.pendingDecision("single").reason().message()).isEqualTo("queue team is at its cap of 1 running workloads");
  }

  @Test
  void aParentsCapBoundsEveryQueueUnderIt() {
    var story = Scenario.cluster().nodes(1, "A100", 8)
        .queue(capped("research", null, 6, 3)).queue(capped("vision", "research", 3, 5)).queue(capped("nlp", "research", 3, 5))
        .queue("prod", 2);
    for (int i = 0; i < 2; i++) story.job("v" + i).in("vision").submit().job("n" + i).in("nlp").submit();
    story.job("p0").in("prod").pods(1, 2).submit();

    story.cycle();

    assertThat(story.current().running()).extracting(r -> r.workload().queue()).filteredOn(q -> !q.equals("prod")).hasSize(3);
    assertThat(story.isRunning("p0")).as("a queue outside research is not held").isTrue();
    var held = story.current().pending().getFirst().id();
    assertThat(story.pendingDecision(held).reason()).isEqualTo(new PendingReason.AtRunningCap("research", 3, 3));
  }

  @Test
  void aHigherPriorityWorkloadOfAQueueAtItsCapPreemptsNothingAndStartsWhenOneEnds() {
    var story = Scenario.cluster().nodes(1, "A100", 4).queue(capped("team", null, 4, 2));
    story.job("batch0").in("team").pods(1, 2).preemptible().submit().job("batch1").in("team").pods(1, 2).preemptible().submit();
    story.cycle();
    story.advance(MINUTE).job("urgent").in("team").priority(PriorityClass.BUILD).submit();

    var result = story.cycle();

    assertThat(result.evictions()).as("it could only trade one running workload for another").isEmpty();
    assertThat(story.pendingDecision("urgent").reason().code()).isEqualTo("running-cap");

    story.advance(MINUTE).finish("batch0").cycle();

    assertThat(story.isRunning("urgent")).isTrue();
  }

  @Test
  void aQueueAtItsCapReclaimsNothingWithinItsDeservedQuotaUntilOneOfItsWorkloadsEnds() {
    var story = Scenario.cluster().nodes(1, "A100", 8).queue("research", 4).queue(capped("prod", null, 4, 1));
    for (int i = 0; i < 7; i++) story.job("r" + i).in("research").preemptible().submit();
    story.job("p0").in("prod").submit().cycle();
    assertThat(story.gpusOf("research")).as("research borrows three of prod's idle GPUs").isEqualTo(7);

    story.advance(MINUTE).job("p1").in("prod").pods(1, 2).submit();
    assertThat(story.cycle().evictions()).as("p1 is within prod's deserved quota, but prod is at its cap").isEmpty();
    assertThat(story.pendingDecision("p1").reason().code()).isEqualTo("running-cap");

    var result = story.advance(MINUTE).finish("p0").cycle();

    assertThat(story.isRunning("p1")).as("below its cap again, prod claims its deserved quota").isTrue();
    assertThat(result.evictions()).singleElement().satisfies(e -> {
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.DESERVED);
      assertThat(e.cause().byWorkload()).isEqualTo("p1");
    });
  }
}
