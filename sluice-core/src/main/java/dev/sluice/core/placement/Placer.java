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
    var pass = new Pass();
    for (var group : cluster.occupiedGroups()) {
      var choice = evaluate(group, shape, shapeId);
      if (choice.fits()) pass.offer(group, choice.score());
    }
    if (pass.fittingNodes == 0) return new Decision.Unschedulable(pod, reason(shape, shapeId));
    return switch (policy) {
      case ScoringPolicy scoring when scoring.normalizesScores() -> bestNormalized(pod, shape, shapeId, scoring, pass);
      case ScoringPolicy scoring -> placed(pod, pass.best, scoring.chooseGpus(pass.best.state, shape), pass.bestScore);
      case RandomPolicy random -> drawn(pod, shape, shapeId, random, pass.fittingNodes);
    };
  }

  /** One pass over the groups: how many nodes fit, the score range, and the best group (ties by rank). */
  private static final class Pass {
    int fittingNodes;
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    NodeGroup best;
    long bestScore = Long.MIN_VALUE;
    int bestRank = Integer.MAX_VALUE;

    void offer(NodeGroup group, long score) {
      fittingNodes += group.size();
      low = Math.min(low, score);
      high = Math.max(high, score);
      if (score >= bestScore) {
        int rank = group.firstRank();
        if (score > bestScore || rank < bestRank) {
          best = group;
          bestScore = score;
          bestRank = rank;
        }
      }
    }
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

  /**
   * The Kubernetes framework's NormalizeScore, min–max to 0..100 in integers (all 0 when all are equal),
   * then the best normalised score; truncation can create ties that the raw scores did not have.
   */
  private Decision bestNormalized(PodRequest pod, PodShape shape, int shapeId, ScoringPolicy scoring, Pass pass) {
    long range = pass.high - pass.low;
    var normalized = new Pass();
    for (var group : cluster.occupiedGroups()) {
      var choice = group.choice(shapeId);
      if (choice.fits()) normalized.offer(group, range == 0 ? 0 : (choice.score() - pass.low) * 100 / range);
    }
    var winner = normalized.best;
    return placed(pod, winner, scoring.chooseGpus(winner.state, shape), normalized.bestScore);
  }

  private Decision drawn(PodRequest pod, PodShape shape, int shapeId, RandomPolicy random, int fittingNodes) {
    int k = random.pickNode(fittingNodes);
    for (var group : cluster.occupiedGroups()) {
      if (!group.choice(shapeId).fits()) continue;
      if (k < group.size()) {
        int node = cluster.nodeOfRank(group.rankAt(k));
        return placed(pod, node, random.chooseGpus(group.state, shape), 0);
      }
      k -= group.size();
    }
    throw new IllegalStateException("drew a node beyond the " + fittingNodes + " that fit");
  }

  private Decision placed(PodRequest pod, NodeGroup group, int[] gpus, long score) {
    return placed(pod, cluster.nodeOfRank(group.firstRank()), gpus, score);
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
}
