package dev.sluice.core.scheduler;

import static dev.sluice.core.scheduler.Scenario.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fair share is hierarchical: a project below its share takes GPUs back from a sibling project above its
 * share, although their department holds all it deserves (moving GPUs inside the department leaves its total
 * unchanged).
 */
class HierarchicalReclaimTest {

  @Test
  void aProjectReclaimsFromItsSiblingWithinOneCycleWhileTheDepartmentHoldsItsDeservedQuota() {
    var story = research(Scenario.cluster().nodes(1, "A100", 4));
    for (int i = 0; i < 4; i++) story.advance(1).job("v" + i).in("vision").preemptible().submit();
    story.cycle();
    assertThat(story.gpusOf("vision")).as("vision borrows language's idle quota").isEqualTo(4);

    story.advance(MINUTE).job("l0").in("language").submit().job("l1").in("language").submit();
    var result = story.cycle();

    assertReclaimedFromVisionByLanguage(result, story);
  }

  @Test
  void anotherDepartmentAtItsDeservedQuotaIsLeftAloneWhenProjectsOfOneDepartmentReclaim() {
    var story = research(Scenario.cluster().nodes(2, "A100", 4)).queue("prod", 4);
    for (int i = 0; i < 4; i++) story.advance(1).job("p" + i).in("prod").preemptible().submit();
    for (int i = 0; i < 4; i++) story.advance(1).job("v" + i).in("vision").preemptible().submit();
    story.cycle();
    assertThat(story.gpusOf("vision")).isEqualTo(4);
    assertThat(story.gpusOf("prod")).isEqualTo(4);

    story.advance(MINUTE).job("l0").in("language").submit().job("l1").in("language").submit();
    var result = story.cycle();

    assertReclaimedFromVisionByLanguage(result, story);
    assertThat(story.gpusOf("prod")).as("prod holds only what it deserves").isEqualTo(4);
  }

  @Test
  void aDepartmentAtItsHardLimitLetsItsProjectsReclaimFromEachOther() {
    var story = Scenario.cluster().nodes(2, "A100", 4)
        .queue(new QueueSpec("research", null, 0, Map.of(Dimension.GPU, new Quota(4000, 4000, 1, Quota.UNLIMITED))))
        .queue(new QueueSpec("vision", "research", 0, Map.of(Dimension.GPU, Quota.deserved(2000))))
        .queue(new QueueSpec("language", "research", 0, Map.of(Dimension.GPU, Quota.deserved(2000))));
    for (int i = 0; i < 4; i++) story.advance(1).job("v" + i).in("vision").preemptible().submit();
    story.cycle();

    story.advance(MINUTE).job("l0").in("language").submit().job("l1").in("language").submit();
    story.cycle();

    assertThat(story.evictions()).extracting(e -> e.workload().id()).containsExactlyInAnyOrder("v2", "v3");
    assertThat(story.gpusOf("language")).as("4 GPUs stay idle: research may not pass its limit").isEqualTo(2);
    assertThat(story.gpusOf("vision")).isEqualTo(2);
  }

  @Test
  void aProjectAtItsShareDoesNotReclaimFromItsSiblingAtItsShare() {
    var story = research(Scenario.cluster().nodes(1, "A100", 4));
    for (int i = 0; i < 2; i++) story.advance(1).job("v" + i).in("vision").preemptible().submit();
    for (int i = 0; i < 2; i++) story.advance(1).job("l" + i).in("language").preemptible().submit();
    story.cycle();
    story.advance(MINUTE).job("l2").in("language").submit().job("v2").in("vision").submit();

    var result = story.cycle();

    assertThat(result.evictions()).isEmpty();
    assertThat(story.gpusOf("vision")).isEqualTo(2);
    assertThat(story.gpusOf("language")).isEqualTo(2);
    assertThat(story.pendingDecision("l2").reason().code()).isIn("fair-share", "over-quota", "non-preemptible-over-quota");
  }

  /** Department research deserves 4 GPUs; its projects vision and language deserve 2 each. */
  private static Scenario research(Scenario story) {
    return story.queue(new QueueSpec("research", null, 0, Map.of(Dimension.GPU, Quota.deserved(4000))))
        .queue(new QueueSpec("vision", "research", 0, Map.of(Dimension.GPU, Quota.deserved(2000))))
        .queue(new QueueSpec("language", "research", 0, Map.of(Dimension.GPU, Quota.deserved(2000))));
  }

  /** Language's two jobs evict vision's two newest and bind in the same cycle; vision keeps its two oldest. */
  private static void assertReclaimedFromVisionByLanguage(CycleResult result, Scenario story) {
    assertThat(result.evictions()).hasSize(2).allSatisfy(e -> {
      assertThat(e.cause().kind()).isEqualTo(EvictionCause.Kind.DESERVED);
      assertThat(e.cause().byQueue()).isEqualTo("language");
      assertThat(e.workload().queue()).isEqualTo("vision");
    });
    assertThat(result.evictions()).extracting(e -> e.workload().id()).containsExactlyInAnyOrder("v2", "v3");
    assertThat(story.isRunning("l0")).isTrue();
    assertThat(story.isRunning("l1")).isTrue();
    assertThat(story.isRunning("v0")).isTrue();
    assertThat(story.isRunning("v1")).isTrue();
    assertThat(story.gpusOf("language")).isEqualTo(2);
    assertThat(story.gpusOf("vision")).isEqualTo(2);
    assertThat(story.pendingDecision("v2").reason().code()).isIn("fair-share", "over-quota");
    assertThat(story.pendingDecision("v3").reason().code()).isIn("fair-share", "over-quota");
    assertThat(story.advance(MINUTE).cycle().evictions()).as("the next cycle changes nothing").isEmpty();
  }
}
