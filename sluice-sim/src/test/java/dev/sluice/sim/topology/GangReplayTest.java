package dev.sluice.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.scheduler.SchedulerConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gangs replayed through the scheduler on small rack fleets. */
class GangReplayTest {
  private static final double EPS = 1e-9;
  /** Takes a whole node of {@link #FLEET}: its CPU is the node's. */
  private static final PodRequest WHOLE_NODE = new PodRequest("worker", RackFleet.NODE_CPU_MILLI, 65_536, 8, 1_000, Set.of());
  /** Two racks of two nodes, one block. */
  private static final RackFleet FLEET = RackFleet.of(2, 2, 8, 2);

  private static TopologyResult replay(TopologyPolicy policy, List<TrainingGang> gangs, RackFleet fleet) {
    return new GangReplay(fleet, gangs, policy, SchedulerConfig.defaults()).run();
  }

  @Test
  void aGangThatFindsOneNodeFreeWaitsForTheWiderGangToEndThenKeepsToOneRack() {
    // g0 needs three of the four nodes (wider than a rack: it must span); g1 arrives at 10 with one node free and
    // starts when g0 leaves at 100.
    var gangs = List.of(new TrainingGang(0, WHOLE_NODE, 3, 0, 100), new TrainingGang(1, WHOLE_NODE, 2, 10, 50));

    for (var policy : TopologyPolicy.values()) {
      var r = replay(policy, gangs, FLEET);

      assertThat(r.started()).as(policy.label()).isEqualTo(2);
      assertThat(r.delayMeanMin()).as(policy.label()).isCloseTo(0.75, within(EPS));
      assertThat(r.delayP99Min()).as(policy.label()).isCloseTo(1.5, within(EPS));
      assertThat(r.gpuUtilPct()).as("%s: (24 × 100 + 16 × 50) / (32 × 150)", policy.label()).isCloseTo(200.0 / 3, within(EPS));
      assertThat(r.spanningBlocksPct()).isZero();
      assertThat(r.pendingAtLastArrival()).isEqualTo(1);
      assertThat(r.pendingAtEnd()).isZero();
      if (policy != TopologyPolicy.TOPOLOGY_BLIND) {
        assertThat(r.spanningRacksPct()).as("%s: only g0 spans", policy.label()).isCloseTo(50.0, within(EPS));
      } else {
        assertThat(r.spanningRacksPct()).isGreaterThanOrEqualTo(50.0);
      }
    }
  }

  @Test
  void underARequiredLevelOnlyTheGangsNoRackHoldsSpanRacksAndNoneSpansABlock() {
    var fleet = RackFleet.of(8, 4, 8, 4);
    var gangs = new GangMix(120, 2, 16, 0.9, 3_600, 7).draw(GangMixTest.TRACE, fleet);
    var experiment = new TopologyExperiment(fleet, gangs, 7);

    var results = experiment.run(List.of(TopologyPolicy.values()), r -> { });

    var blind = results.get(0);
    for (var required : results.subList(2, 4)) {
      assertThat(required.started()).isEqualTo(120);
      assertThat(required.spanningRacksPct()).as(required.policy()).isCloseTo(experiment.widerThanARackPct(), within(EPS));
      assertThat(required.spanningBlocksPct()).as("a block holds 16 whole-node pods").isZero();
    }
    assertThat(experiment.widerThanARackPct()).as("some gangs are wider than a rack").isPositive();
    assertThat(blind.spanningRacksPct()).isGreaterThan(results.get(2).spanningRacksPct());
    assertThat(results.get(1).spanningRacksPct()).as("preferred").isLessThan(blind.spanningRacksPct());
  }

  @Test
  void theSameGangsAndSeedGiveTheSameResult() {
    var fleet = RackFleet.of(4, 4, 8, 2);
    var gangs = new GangMix(60, 2, 8, 1.0, 3_600, 3).draw(GangMixTest.TRACE, fleet);

    var first = replay(TopologyPolicy.KAI_FULLEST_DOMAIN, gangs, fleet);
    var second = replay(TopologyPolicy.KAI_FULLEST_DOMAIN, gangs, fleet);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aReplayRunsOnce() {
    var replay = new GangReplay(FLEET, List.of(new TrainingGang(0, WHOLE_NODE, 2, 0, 10)), TopologyPolicy.TOPOLOGY_REQUIRED,
        SchedulerConfig.defaults());
    replay.run();

    org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(replay::run);
  }
}
