package dev.sluice.core.placement;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NicAffinity;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides where one pod goes: filter (which nodes it fits, and why not), score (by the policy), then the
 * choice of GPUs inside the winning node (the policy's, except for an RDMA pod with GPUs, whose GPUs sit near
 * NICs with room: {@link NicAffinity}). It proposes; the caller commits with
 * {@link ClusterState#assign}.
 *
 * <p>Nodes in equal states are evaluated once per pod shape and the result is remembered for as long as
 * the state lives (or until the policy says its scores changed), so a decision costs one pass over the
 * distinct states of the cluster.
 */
public final class Placer {
  private final PlacementPolicy policy;
  private final ClusterState cluster;
  private final Map<PodShape, Integer> shapeIds = new HashMap<>();
  private final Verdicts memo = new Verdicts();
  private long scoresVersion;

  public Placer(PlacementPolicy policy, ClusterState cluster) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    cluster.onGroupRetired(memo::forget);
    if (policy instanceof ScoringPolicy scoring) scoring.attach(cluster);
  }

  public PlacementPolicy policy() {
    return policy;
  }

  public Decision decide(PodRequest pod) {
    if (policy instanceof ScoringPolicy scoring) forgetStaleScores(scoring);
    var shape = pod.shape();
    int shapeId = shapeIds.computeIfAbsent(shape, s -> shapeIds.size());
    var ids = cluster.groupIds();
    long[] verdicts = memo.of(shapeId, ids.capacity());
    int[] live = ids.live();
    var pass = new Pass(ids);
    for (int i = 0, n = ids.liveCount(); i < n; i++) {
      int id = live[i];
      var group = cluster.group(id);
      if (!cluster.offers(group)) continue;
      long verdict = verdicts[id];
      if (verdict == Verdicts.UNKNOWN) verdict = verdicts[id] = evaluate(group, shape);
      if (Verdicts.fits(verdict)) pass.offer(id, verdict);
    }
    if (pass.fittingNodes == 0) return new Decision.Unschedulable(pod, reason(verdicts));
    return switch (policy) {
      case ScoringPolicy scoring when scoring.normalizesScores() -> bestNormalized(pod, shape, verdicts, scoring, pass);
      case ScoringPolicy scoring -> placed(pod, pass.bestId, scoring, shape, pass.bestScore);
      case RandomPolicy random -> drawn(pod, shape, verdicts, random, pass.fittingNodes);
    };
  }

  /** Forgets the scores the policy says may have changed since the last decision. */
  private void forgetStaleScores(ScoringPolicy scoring) {
    long version = scoring.scoresVersion();
    if (version == scoresVersion) return;
    if (version != scoresVersion + 1) {
      memo.clear();
    } else {
      var ids = cluster.groupIds();
      int[] live = ids.live();
      for (int i = 0, n = ids.liveCount(); i < n; i++) {
        if (scoring.lastChangeConcerns(cluster.group(live[i]).state)) memo.forget(live[i]);
      }
    }
    scoresVersion = version;
  }

  /** One pass over the groups: how many nodes fit, the score range, and the best group (ties by rank). */
  private static final class Pass {
    private final GroupIds ids;
    int fittingNodes;
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    int bestId = -1;
    long bestScore = Long.MIN_VALUE;
    int bestRank = Integer.MAX_VALUE;

    Pass(GroupIds ids) {
      this.ids = ids;
    }

    void offer(int id, long score) {
      fittingNodes += ids.size(id);
      low = Math.min(low, score);
      high = Math.max(high, score);
      if (score >= bestScore) {
        int rank = ids.firstRank(id);
        if (score > bestScore || rank < bestRank) {
          bestId = id;
          bestScore = score;
          bestRank = rank;
        }
      }
    }
  }

  private long evaluate(NodeGroup group, PodShape shape) {
    var fit = group.state.fit(shape);
    if (fit != Fit.FITS) return Verdicts.unfit(fit);
    return Verdicts.score(policy instanceof ScoringPolicy scoring ? scoring.score(group.state, shape) : 0);
  }

  /**
   * The Kubernetes framework's NormalizeScore, min–max to 0..100 in integers (all 0 when all are equal),
   * then the best normalised score; truncation can create ties that the raw scores did not have.
   */
  private Decision bestNormalized(PodRequest pod, PodShape shape, long[] verdicts, ScoringPolicy scoring, Pass pass) {
    var ids = cluster.groupIds();
    long range = pass.high - pass.low;
    var normalized = new Pass(ids);
    int[] live = ids.live();
    for (int i = 0, n = ids.liveCount(); i < n; i++) {
      long verdict = verdicts[live[i]];
      if (Verdicts.fits(verdict) && cluster.offers(cluster.group(live[i]))) normalized.offer(live[i], range == 0 ? 0 : (verdict - pass.low) * 100 / range);
    }
    return placed(pod, normalized.bestId, scoring, shape, normalized.bestScore);
  }

  private Decision drawn(PodRequest pod, PodShape shape, long[] verdicts, RandomPolicy random, int fittingNodes) {
    var ids = cluster.groupIds();
    int k = random.pickNode(fittingNodes);
    int[] live = ids.live();
    for (int i = 0, n = ids.liveCount(); i < n; i++) {
      int id = live[i];
      if (!Verdicts.fits(verdicts[id]) || !cluster.offers(cluster.group(id))) continue;
      if (k < ids.size(id)) {
        var group = cluster.group(id);
        int[] gpus = NicAffinity.applies(shape) ? NicAffinity.chooseGpus(group.state, shape) : random.chooseGpus(group.state, shape);
        return placed(pod, cluster.nodeOfRank(group.rankAt(k)), gpus, 0);
      }
      k -= ids.size(id);
    }
    throw new IllegalStateException("drew a node beyond the " + fittingNodes + " that fit");
  }

  private Decision placed(PodRequest pod, int groupId, ScoringPolicy scoring, PodShape shape, long score) {
    var group = cluster.group(groupId);
    int[] gpus = NicAffinity.applies(shape) ? NicAffinity.chooseGpus(group.state, shape) : scoring.chooseGpus(group.state, shape);
    return placed(pod, cluster.nodeOfRank(group.firstRank()), gpus, score);
  }

  private Decision placed(PodRequest pod, int node, int[] gpus, long score) {
    var gpuList = new ArrayList<Integer>(gpus.length);
    for (int gpu : gpus) gpuList.add(gpu);
    return new Decision.Placed(pod, node, cluster.node(node).name(), gpuList, score);
  }

  private UnschedulableReason reason(long[] verdicts) {
    var ids = cluster.groupIds();
    var nodesByFit = new int[Fit.count()];
    int[] live = ids.live();
    int offered = 0;
    for (int i = 0, n = ids.liveCount(); i < n; i++) {
      if (!cluster.offers(cluster.group(live[i]))) continue;
      nodesByFit[Verdicts.fit(verdicts[live[i]]).id()] += ids.size(live[i]);
      offered += ids.size(live[i]);
    }
    var failing = new HashMap<Fit, Integer>();
    for (int id = 0; id < nodesByFit.length; id++) {
      if (nodesByFit[id] > 0 && id != Fit.FITS.id()) failing.put(Fit.byId(id), nodesByFit[id]);
    }
    return new UnschedulableReason(offered, failing);
  }

}
