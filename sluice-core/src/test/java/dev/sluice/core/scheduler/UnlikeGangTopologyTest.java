package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.scheduler.TopologyDomains.Domain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Gangs whose domain cannot be chosen by counting places: unlike pods, pods that ask nothing a count sees. */
class UnlikeGangTopologyTest {
  private static final NodeFabric HAS_X = new NodeFabric(List.of(), List.of(), List.of(), Map.of("x", 4L));
  private static final FabricRequest ASKS_X = FabricRequest.NONE.withExtended(Map.of("x", 1L));

  private static Set<String> racksOf(Scenario story, String id) {
    return story.running(id).orElseThrow().bindings().stream().map(b -> b.node().substring(0, b.node().indexOf('-')))
        .collect(Collectors.toSet());
  }

  /**
   * A gang of unlike pods (one 2-GPU pod, one 1-GPU pod) that must keep to a rack. Rack b (a 2-GPU and a 1-GPU node,
   * with the extended resource x) holds it exactly; rack a (one 8-GPU node, no x) cannot (no x). Counting places for
   * the largest pod (2 GPUs) would give b one place and a four.
   * Unlike pods are tried fullest first, as before places were counted.
   */
  @Test
  void anUnlikeGangRunsInTheOnlyRackThatHoldsIt() {
    var story = Scenario.cluster()
        .node(Node.uniform("a-0", 64_000, 512 * 1024, 8, "A100").withTopology(Map.of("rack", "a")))
        .node(Node.uniform("b-0", 64_000, 512 * 1024, 2, "A100").withTopology(Map.of("rack", "b")).withFabric(HAS_X))
        .node(Node.uniform("b-1", 64_000, 512 * 1024, 1, "A100").withTopology(Map.of("rack", "b")).withFabric(HAS_X))
        .queue("team", 16);
    story.job("gang").in("team").pods(1, 2).andPods(1, 1).fabric(ASKS_X).topology(TopologyConstraint.required("rack")).submit();

    story.cycle();

    assertThat(story.isRunning("gang")).as("rack b holds the gang: " + (story.isRunning("gang") ? "" : story.pendingDecision("gang").reason().message())).isTrue();
    assertThat(racksOf(story, "gang")).containsExactly("b");
  }

  /**
   * Same racks without any fabric: the unlike gang fills rack b exactly (fullest first), which leaves rack a's whole
   * 8-GPU node to a later 8-GPU gang that must keep to a rack.
   */
  @Test
  void anUnlikeGangFillsTheRackItFitsAndLeavesTheWholeNodeToALaterLargeGang() {
    var story = Scenario.cluster()
        .node(Node.uniform("a-0", 64_000, 512 * 1024, 8, "A100").withTopology(Map.of("rack", "a")))
        .node(Node.uniform("b-0", 64_000, 512 * 1024, 2, "A100").withTopology(Map.of("rack", "b")))
        .node(Node.uniform("b-1", 64_000, 512 * 1024, 1, "A100").withTopology(Map.of("rack", "b")))
        .queue("team", 16);
    story.job("small").in("team").pods(1, 2).andPods(1, 1).topology(TopologyConstraint.required("rack")).submit();
    story.cycle();
    story.advance(Scenario.MINUTE).job("large").in("team").pods(1, 8).topology(TopologyConstraint.required("rack")).submit();
    story.cycle();

    assertThat(racksOf(story, "small")).as("the unlike gang fills rack b exactly").containsExactly("b");
    assertThat(story.isRunning("large")).isTrue();
  }

  /**
   * Pods that ask no CPU, memory or GPU (only an extended resource) have unlimited places on every node; summed over a
   * domain of 1,500 nodes the count must not overflow and drop the domain.
   */
  @Test
  void aZoneOfMoreThan1024NodesIsNotDroppedForAPodThatAsksNoCpuMemoryOrGpu() {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < 1_500; i++) nodes.add(Node.uniform("big-" + i, 64_000, 1 << 20, 8, "A100").withTopology(Map.of("zone", "big")));
    nodes.add(Node.uniform("small-0", 64_000, 1 << 20, 8, "A100").withTopology(Map.of("zone", "small")));
    var cluster = new ClusterState(nodes);
    var domains = new TopologyDomains(cluster, "zone");
    var fullestFirst = domains.withRoom("", 0, 0).stream().sorted(Comparator.comparingLong(Domain::freeGpuMilli)).toList();
    var nothing = new PodShape(0, 0, 0, 0, Set.of(), ASKS_X);

    assertThat(DomainSlots.tightestFirst(cluster, fullestFirst, nothing, 2)).extracting(Domain::name).contains("big");
  }

  /** The same at the scheduler: the small zone lacks x, the big one has it. */
  @Test
  void aGangOfPodsAskingOnlyAnExtendedResourceRunsInTheBigZone() {
    var story = Scenario.cluster().queue("team", 8);
    for (int i = 0; i < 1_500; i++) {
      story.node(Node.uniform("big-" + i, 64_000, 1 << 20, 8, "A100").withTopology(Map.of("zone", "big")).withFabric(HAS_X));
    }
    story.node(Node.uniform("small-0", 64_000, 1 << 20, 8, "A100").withTopology(Map.of("zone", "small")));
    var pods = List.of(new PodRequest("g-0", 0, 0, 0, 0, Set.of(), ASKS_X), new PodRequest("g-1", 0, 0, 0, 0, Set.of(), ASKS_X));
    var workload = new Workload("g", "team", "user", pods, 2, PriorityClass.TRAIN, false, 0, Runtimes.NONE,
        TopologyConstraint.required("zone"));
    var s = story.current();
    var snapshot = new SchedulerSnapshot(s.cluster(), s.running(), List.of(workload), s.queues(), s.usage(), 0);

    var result = new Scheduler(SchedulerConfig.defaults()).cycle(snapshot);

    assertThat(result.binds()).as("pending: " + result.pending().stream().map(p -> p.reason().message()).toList()).hasSize(1);
  }
}
