package dev.sluice.k8s;

import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.write.ApiBinder;
import dev.sluice.k8s.write.BindOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What became of one bind decision: the request and the outcome of each of its pods, in the decision's order. A gang
 * runs only when at least its workload's minimum is bound.
 */
record GangBind(SchedulingDecision.Bind decision, List<ApiBinder.Request> requests, List<BindOutcome> outcomes) {
  GangBind {
    requests = List.copyOf(requests);
    outcomes = List.copyOf(outcomes);
    if (requests.size() != decision.pods().size() || outcomes.size() != requests.size()) {
      throw new IllegalArgumentException("workload " + decision.workload().id() + ": one request and one outcome per pod");
    }
  }

  /** Splits the requests and outcomes of a cycle's binds, sent in the order of {@code decisions}, by decision. */
  static List<GangBind> of(List<SchedulingDecision.Bind> decisions, List<ApiBinder.Request> requests, List<BindOutcome> outcomes) {
    var binds = new ArrayList<GangBind>(decisions.size());
    int from = 0;
    for (var decision : decisions) {
      int to = from + decision.pods().size();
      binds.add(new GangBind(decision, requests.subList(from, to), outcomes.subList(from, to)));
      from = to;
    }
    if (from != outcomes.size()) throw new IllegalArgumentException(outcomes.size() + " outcomes for " + from + " pods");
    return binds;
  }

  /** How many of its pods are on a node now: bound by this bind, or bound already (409). */
  int bound() {
    return (int) outcomes.stream().filter(GangBind::onANode).count();
  }

  private static boolean onANode(BindOutcome o) {
    return o.kind() == BindOutcome.Kind.BOUND || o.kind() == BindOutcome.Kind.ALREADY_BOUND;
  }

  /** Whether at least the workload's minimum is bound: the gang runs. */
  boolean whole() {
    return bound() >= decision.workload().minMembers();
  }

  /** The pods that were not bound and why, e.g. {@code team-a/llm-2: HTTP 422}. */
  String notBound() {
    return outcomes.stream().filter(o -> !onANode(o))
        .map(o -> o.pod() + ": " + (o.kind() == BindOutcome.Kind.VANISHED ? "the pod is gone" : o.message()))
        .collect(Collectors.joining("; "));
  }
}
