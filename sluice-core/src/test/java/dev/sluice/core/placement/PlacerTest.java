package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacerTest {
  private static final TargetWorkload WORKLOAD = new TargetWorkload(List.of(
      new TargetWorkload.PodKind(4_000, 1, 500, Set.of(), 0.5), new TargetWorkload.PodKind(8_000, 1, 1000, Set.of(), 0.5)));

  @Test
  void equalScoresGoToTheNodeFirstInTieOrder() {
    var nodes = List.of(Node.uniform("a", 32_000, 65_536, 2, "T4"), Node.uniform("b", 32_000, 65_536, 2, "T4"),
        Node.uniform("c", 32_000, 65_536, 2, "T4"));
    var pod = new PodRequest("p", 1_000, 1_024, 1, 1000, Set.of());

    var first = new Placer(new PackingPolicy(), new ClusterState(nodes, new int[] {2, 0, 1})).decide(pod);
    var second = new Placer(new PackingPolicy(), new ClusterState(nodes, new int[] {1, 2, 0})).decide(pod);

    assertThat(((Decision.Placed) first).nodeName()).isEqualTo("c");
    assertThat(((Decision.Placed) second).nodeName()).isEqualTo("b");
  }

  @Test
  void anUnschedulablePodCountsTheNodesFailingEachConstraint() {
    var nodes = List.of(Node.uniform("a", 32_000, 65_536, 2, "T4"), Node.uniform("b", 32_000, 65_536, 1, "T4"),
        Node.uniform("c", 32_000, 65_536, 4, "A10"), Node.uniform("d", 4_000, 65_536, 2, "T4"));
    var pod = new PodRequest("p", 8_000, 1_024, 2, 1000, Set.of("T4"));
    var cluster = new ClusterState(nodes);
    cluster.assign(0, new PodRequest("q", 1_000, 1_024, 1, 1000, Set.of()).shape(), new int[] {0});

    var decision = new Placer(new FgdPolicy(WORKLOAD), cluster).decide(pod);

    var reason = ((Decision.Unschedulable) decision).reason();
    assertThat(reason.nodesFailing()).isEqualTo(Map.of(Fit.INSUFFICIENT_GPU, 1, Fit.TOO_FEW_GPUS, 1,
        Fit.GPU_MODEL_NOT_ALLOWED, 1, Fit.INSUFFICIENT_CPU, 1));
    assertThat(reason.message()).isEqualTo("0/4 nodes fit: 1 GPU model not allowed, 1 node has too few GPUs,"
        + " 1 insufficient CPU, 1 insufficient free GPU");
  }

  @Test
  void groupingEqualNodesDecidesExactlyAsScoringEveryNode() {
    for (long seed = 1; seed <= 40; seed++) {
      var random = new SplittableRandom(seed);
      var nodes = RandomClusters.nodes(random, 4 + random.nextInt(20));
      var pods = RandomClusters.pods(random, 60);
      var tieOrder = RandomClusters.permutation(random, nodes.size());
      for (var policy : List.<ScoringPolicy>of(new FgdPolicy(WORKLOAD), new BestFitPolicy(), new PackingPolicy(),
          new ClusteringPolicy(), new DotProductPolicy())) {
        assertSameAsReference(nodes, pods, tieOrder, policy);
      }
    }
  }

  private static void assertSameAsReference(List<Node> nodes, List<PodRequest> pods, int[] tieOrder, ScoringPolicy policy) {
    var cluster = new ClusterState(nodes, tieOrder);
    var reference = new ClusterState(nodes, tieOrder);
    var placer = new Placer(policy, cluster);
    for (var pod : pods) {
      var decision = placer.decide(pod);
      var expected = ReferencePlacer.decide(policy, reference, tieOrder, pod);
      if (expected == null) {
        assertThat(decision).as(policy.name() + " " + pod).isInstanceOf(Decision.Unschedulable.class);
        continue;
      }
      assertThat(decision).as(policy.name() + " " + pod).isInstanceOf(Decision.Placed.class);
      var placed = (Decision.Placed) decision;
      assertThat(placed.nodeIndex()).as(policy.name() + " " + pod).isEqualTo(expected.node());
      assertThat(placed.gpuArray()).as(policy.name() + " " + pod).isEqualTo(expected.gpus());
      cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
      reference.assign(expected.node(), pod.shape(), expected.gpus());
    }
  }

  /** Scores every node on its own: the obvious, slow way. */
  static final class ReferencePlacer {
    record Choice(int node, int[] gpus) {}

    static Choice decide(ScoringPolicy policy, ClusterState cluster, int[] tieOrder, PodRequest pod) {
      var shape = pod.shape();
      int n = cluster.nodeCount();
      var scores = new long[n];
      var fits = new boolean[n];
      long low = Long.MAX_VALUE;
      long high = Long.MIN_VALUE;
      for (int node = 0; node < n; node++) {
        fits[node] = cluster.state(node).fit(shape) == Fit.FITS;
        if (!fits[node]) continue;
        scores[node] = policy.score(cluster.state(node), shape);
        low = Math.min(low, scores[node]);
        high = Math.max(high, scores[node]);
      }
      int best = -1;
      for (int node : tieOrder) {
        if (!fits[node]) continue;
        long score = policy.normalizesScores() ? normalized(scores[node], low, high) : scores[node];
        long bestScore = best < 0 ? Long.MIN_VALUE
            : policy.normalizesScores() ? normalized(scores[best], low, high) : scores[best];
        if (score > bestScore) best = node;
      }
      return best < 0 ? null : new Choice(best, policy.chooseGpus(cluster.state(best), shape));
    }

    private static long normalized(long score, long low, long high) {
      return high == low ? 0 : (score - low) * 100 / (high - low);
    }
  }

  @Test
  void minMaxNormalisationCanTieNodesThatRawScoresSeparate() {
    // BestFit raw scores of 0..100 keep their order under min-max, so the winner is the best raw score
    var nodes = List.of(Node.uniform("big", 128_000, 1 << 20, 8, "G3"), Node.uniform("small", 8_000, 1 << 16, 1, "T4"));
    var pod = new PodRequest("p", 4_000, 1_024, 1, 1000, Set.of());

    var decision = (Decision.Placed) new Placer(new BestFitPolicy(), new ClusterState(nodes)).decide(pod);

    assertThat(decision.nodeName()).isEqualTo("small");
    assertThat(decision.score()).isEqualTo(100);
    assertThat(Arrays.asList(decision.gpus().toArray())).containsExactly(0);
  }

  @Test
  void twoPlacersOnOneClusterKeepTheirFindingsApart() {
    var cluster = new ClusterState(List.of(Node.uniform("t4", 32_000, 65_536, 2, "T4")));
    new Placer(new PackingPolicy(), cluster).decide(new PodRequest("cpu", 1_000, 0, 0, 0, Set.of()));

    var decision = new Placer(new PackingPolicy(), cluster).decide(new PodRequest("v100", 1_000, 0, 1, 1000, Set.of("V100")));

    assertThat(decision).isInstanceOf(Decision.Unschedulable.class);
  }
}
