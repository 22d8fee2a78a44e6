package dev.sluice.core.scheduler;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.placement.ClusterState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The domains of one topology level in a session's cluster: each domain's nodes, and what they have free, kept up
 * to date as nodes change, so that a gang looks at the level's domains rather than at every node.
 */
final class TopologyDomains {
  private final String[] names;
  private final int[][] nodes;
  private final int[] domainOfNode;
  private final long[] freeGpuMilli;
  private final long[] freeCpuMilli;

  /** A domain: its name, its nodes by index, what they have free now. */
  record Domain(String name, int[] nodes, long freeGpuMilli, long freeCpuMilli) {
  }

  TopologyDomains(ClusterState cluster, String level) {
    var byName = new TreeMap<String, List<Integer>>();
    for (int i = 0; i < cluster.nodeCount(); i++) {
      var name = cluster.node(i).topology().get(level);
      if (name != null) byName.computeIfAbsent(name, n -> new ArrayList<>()).add(i);
    }
    names = byName.keySet().toArray(String[]::new);
    nodes = byName.values().stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    domainOfNode = new int[cluster.nodeCount()];
    Arrays.fill(domainOfNode, -1);
    freeGpuMilli = new long[names.length];
    freeCpuMilli = new long[names.length];
    for (int d = 0; d < names.length; d++) {
      for (int node : nodes[d]) {
        domainOfNode[node] = d;
        add(d, cluster.state(node), 1);
      }
    }
    cluster.onNodeChanged(this::changed);
  }

  private void changed(int node, NodeState before, NodeState after) {
    int d = domainOfNode[node];
    if (d < 0) return;
    add(d, before, -1);
    add(d, after, 1);
  }

  private void add(int domain, NodeState state, int sign) {
    freeGpuMilli[domain] += sign * (long) state.freeGpuMilliTotal();
    freeCpuMilli[domain] += sign * state.freeCpuMilli();
  }

  /**
   * The level's domains (only the one named {@code only}, unless it is empty) that have at least this much free in
   * total, by name, with what they have free now.
   */
  List<Domain> withRoom(String only, long gpuMilli, long cpuMilli) {
    var domains = new ArrayList<Domain>();
    for (int d = 0; d < names.length; d++) {
      if (freeGpuMilli[d] < gpuMilli || freeCpuMilli[d] < cpuMilli || !only.isEmpty() && !only.equals(names[d])) continue;
      domains.add(new Domain(names[d], nodes[d], freeGpuMilli[d], freeCpuMilli[d]));
    }
    return domains;
  }

  /** How many domains the level has (only the one named {@code only}, unless it is empty). */
  int count(String only) {
    return only.isEmpty() ? names.length : Arrays.asList(names).contains(only) ? 1 : 0;
  }
}
