package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Stories of gangs that must, or would rather, run within one rack or block. */
class TopologyTest {
  private static Set<String> racksOf(Scenario story, String id) {
    return story.running(id).orElseThrow().bindings().stream().map(b -> b.node().substring(0, b.node().lastIndexOf('-')))
        .collect(Collectors.toSet());
  }

  @Test
  void gangsThatMustRunInOneRackGoToTheFullestRackThatHoldsThem() {
    // Racks of 6, 3 and 4 nodes of 8 GPUs: four 8-GPU pods fit r6 and r4, three fit all three racks.
    var story = Scenario.cluster().rack("r6", "b1", 6).rack("r3", "b1", 3).rack("r4", "b1", 4).queue("team", 104);
    story.job("four").in("team").pods(4, 8).topology(TopologyConstraint.required("rack")).submit();
    story.job("three").in("team").pods(3, 8).topology(TopologyConstraint.required("rack")).submit();

    story.cycle();

    assertThat(racksOf(story, "four")).as("r4 is fuller than r6").containsExactly("r4");
    assertThat(racksOf(story, "three")).as("r3 is the fullest that holds three").containsExactly("r3");
  }

  @Test
  void aGangThatMustRunInOneRackWaitsWhenTheRoomIsSplitAcrossRacksAndSaysSo() {
    var story = Scenario.cluster().rack("r1", "b1", 2).rack("r2", "b1", 2).queue("team", 32);
    story.job("gang").in("team").pods(3, 8).topology(TopologyConstraint.required("rack")).submit();

    story.cycle();

    assertThat(story.isRunning("gang")).isFalse();
    var reason = story.pendingDecision("gang").reason();
    assertThat(reason).isInstanceOf(PendingReason.TopologyUnsatisfied.class);
    assertThat(reason.code()).isEqualTo("topology");
    assertThat(reason.message()).contains("within one rack").contains("no rack has room for its 3 pods");
  }

  @Test
  void aGangThatPrefersOneRackSpansRacksWhenNoneHoldsItAndKeepsToOneWhenOneDoes() {
    var story = Scenario.cluster().rack("r1", "b1", 2).rack("r2", "b1", 2).queue("team", 32);
    story.job("wide").in("team").pods(3, 8).topology(TopologyConstraint.preferred("rack")).submit();
    story.cycle();
    assertThat(racksOf(story, "wide")).as("no rack holds three 8-GPU pods: it spans").hasSize(2);

    var roomy = Scenario.cluster().rack("r1", "b1", 3).rack("r2", "b1", 3).queue("team", 48);
    roomy.job("narrow").in("team").pods(3, 8).topology(TopologyConstraint.preferred("rack")).submit();
    roomy.cycle();
    assertThat(racksOf(roomy, "narrow")).hasSize(1);
  }

  /**
   * Random racks in two blocks and random gangs, some required to keep to a rack or a block, some preferring it, some
   * free: over a few cycles, no gang that must keep to a domain ever runs across two.
   */
  @Property(tries = 150)
  void aGangThatMustKeepToADomainNeverRunsAcrossTwo(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    var random = new SplittableRandom(seed);
    var story = Scenario.cluster().queue("team", 1000);
    int racks = 2 + random.nextInt(4);
    for (int r = 0; r < racks; r++) story.rack("r" + r, "b" + (r % 2), 1 + random.nextInt(4));
    for (int cycle = 0; cycle < 4; cycle++) {
      for (int j = 0; j < 1 + random.nextInt(4); j++) {
        var id = "w" + cycle + "-" + j;
        var job = story.job(id).in("team").pods(1 + random.nextInt(5), 1 + random.nextInt(8)).preemptible();
        switch (random.nextInt(4)) {
          case 0 -> job.topology(TopologyConstraint.required("rack"));
          case 1 -> job.topology(TopologyConstraint.required("block"));
          case 2 -> job.topology(TopologyConstraint.preferred("rack"));
          default -> { }
        }
        job.submit();
      }
      story.cycle();
      story.advance(Scenario.MINUTE);
      for (var running : story.current().running()) {
        var constraint = running.workload().topology();
        if (!constraint.required()) continue;
        var domains = running.bindings().stream()
            .map(b -> story.current().cluster().nodes().stream().filter(n -> n.name().equals(b.node())).findFirst().orElseThrow())
            .map(n -> n.topology().get(constraint.level())).collect(Collectors.toSet());
        assertThat(domains).as("%s keeps to one %s", running.id(), constraint.level()).hasSize(1);
      }
    }
  }

  @Test
  void aGangThatPrefersOneRackAndFindsNoneTakesTheFewestRacksThatHoldIt() {
    // Racks of 1, 1 and 2 nodes: three 8-GPU pods need two racks at least, r3 and one more.
    var story = Scenario.cluster().rack("r1", "b1", 1).rack("r2", "b1", 1).rack("r3", "b1", 2).queue("team", 32);
    story.job("gang").in("team").pods(3, 8).topology(TopologyConstraint.preferred("rack")).submit();

    story.cycle();

    assertThat(racksOf(story, "gang")).hasSize(2).contains("r3");
  }

  @Test
  void theNodesAGangThatMustKeepToOneRackWillRunOnAreHeldAgainstSmallerWorkThatWouldNotEndInTime() {
    // r1 has two nodes, one busy for ten more minutes; the gang needs both, and a later one-GPU job may not take r1's free node.
    var story = Scenario.cluster().rack("r1", "b1", 2).rack("r2", "b1", 1).queue("team", 24);
    story.job("busy").in("team").pods(1, 8).runtimes(0, 10 * Scenario.MINUTE, 10 * Scenario.MINUTE).submit().cycle();
    var busyRack = racksOf(story, "busy").iterator().next();
    assertThat(busyRack).as("the packing policy put it in the bigger rack").isEqualTo("r1");

    story.advance(Scenario.MINUTE).job("gang").in("team").pods(2, 8).topology(TopologyConstraint.required("rack")).submit();
    story.cycle();
    story.advance(Scenario.MINUTE).job("small").in("team").pods(1, 1).submit();
    story.cycle();

    assertThat(story.isRunning("gang")).isFalse();
    assertThat(racksOf(story, "small")).as("not on r1's free node, held for the gang (it would come first in tie order)")
        .containsExactly("r2");

    story.advance(10 * Scenario.MINUTE).finish("busy").cycle();
    assertThat(racksOf(story, "gang")).containsExactly("r1");
  }

  @Test
  void aWiderLevelHoldsWhatARackCannot() {
    var story = Scenario.cluster().rack("r1", "b1", 2).rack("r2", "b1", 2).rack("r3", "b2", 1).queue("team", 40);
    story.job("gang").in("team").pods(4, 8).topology(TopologyConstraint.required("block")).submit();

    story.cycle();

    assertThat(story.isRunning("gang")).isTrue();
    assertThat(racksOf(story, "gang")).containsExactlyInAnyOrder("r1", "r2");
  }
}
