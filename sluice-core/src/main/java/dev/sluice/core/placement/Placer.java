package dev.sluice.core.placement;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Decides where one pod goes: filter (which nodes it fits, and why not), score (by the policy), then the
 * choice of GPUs inside the winning node. It proposes; the caller commits with
 * {@link ClusterState#assign}.
 *
 * <p>Nodes in equal states are evaluated once per pod shape and the result is remembered for as long as
 * the state lives, so a decision costs one pass over the distinct states of the cluster.
 */
public final class Placer {
  private final PlacementPolicy policy;
  private final ClusterState cluster;
  private final Map<PodShape, Integer> shapeIds = new HashMap<>();
  private final List<ScoredGroup> fitting = new ArrayList<>();

  private record ScoredGroup(NodeGroup group, long score) {}

  public Placer(PlacementPolicy policy, ClusterState cluster) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  public PlacementPolicy policy() {
    return policy;
  }

  public Decision decide(PodRequest pod) {
    var shape = pod.shape();
    int shapeId = shapeIds.computeIfAbsent(shape, s -> shapeIds.size());
    fitting.clear();
    int fittingNodes = 0;
    for (var group : cluster.occupiedGroups()) {
      var choice = evaluate(group, shape, shapeId);
      if (choice.fits()) {
        fitting.add(new ScoredGroup(group, choice.score()));
        fittingNodes += group.size();
      }
    }
    if (fittingNodes == 0) return new Decision.Unschedulable(pod, reason(shape, shapeId));
    return switch (policy) {
      case ScoringPolicy scoring -> best(pod, shape, scoring);
      case RandomPolicy random -> drawn(pod, shape, random, fittingNodes);
    };
  }

  private NodeChoice evaluate(NodeGroup group, PodShape shape, int shapeId) {
    var known = group.choice(shapeId);
    if (known != null) return known;
    var fit = group.state.fit(shape);
    long score = fit == Fit.FITS && policy instanceof ScoringPolicy scoring ? scoring.score(group.state, shape) : 0;
    var choice = new NodeChoice(fit, score);
    group.remember(shapeId, choice);
    return choice;
  }

  private Decision best(PodRequest pod, PodShape shape, ScoringPolicy scoring) {
    LongUnaryOperator scale = scoring.normalizesScores() ? minMax(fitting) : score -> score;
    NodeGroup winner = null;
    long winnerScore = Long.MIN_VALUE;
    int winnerRank = Integer.MAX_VALUE;
    for (var candidate : fitting) {
      long score = scale.applyAsLong(candidate.score());
      int rank = candidate.group().firstRank();
      if (score > winnerScore || (score == winnerScore && rank < winnerRank)) {
        winner = candidate.group();
        winnerScore = score;
        winnerRank = rank;
      }
    }
    var gpus = scoring.chooseGpus(winner.state, shape);
    return placed(pod, cluster.nodeOfRank(winnerRank), gpus, winnerScore);
  }

  private Decision drawn(PodRequest pod, PodShape shape, RandomPolicy random, int fittingNodes) {
    int k = random.pickNode(fittingNodes);
    for (var candidate : fitting) {
      var group = candidate.group();
      if (k < group.size()) {
        int node = cluster.nodeOfRank(group.rankAt(k));
        return placed(pod, node, random.chooseGpus(group.state, shape), 0);
      }
      k -= group.size();
    }
    throw new IllegalStateException("drew a node beyond the " + fittingNodes + " that fit");
  }

  private Decision placed(PodRequest pod, int node, int[] gpus, long score) {
    var gpuList = new ArrayList<Integer>(gpus.length);
    for (int gpu : gpus) gpuList.add(gpu);
    return new Decision.Placed(pod, node, cluster.node(node).name(), gpuList, score);
  }

  private UnschedulableReason reason(PodShape shape, int shapeId) {
    var failing = new EnumMap<Fit, Integer>(Fit.class);
    for (var group : cluster.occupiedGroups()) {
      failing.merge(evaluate(group, shape, shapeId).fit(), group.size(), Integer::sum);
    }
    return new UnschedulableReason(cluster.nodeCount(), failing);
  }

  /** The Kubernetes framework's NormalizeScore: min–max to 0..100 in integers; all 0 when all are equal. */
  private static LongUnaryOperator minMax(List<ScoredGroup> scored) {
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (var s : scored) {
      low = Math.min(low, s.score());
      high = Math.max(high, s.score());
    }
    long min = low;
    long range = high - low;
    return score -> range == 0 ? 0 : (score - min) * 100 / range;
  }
}
