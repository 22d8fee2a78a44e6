package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.Node;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fleet for the DLRM replay: GPU nodes (HN) for HN instances and CPU nodes (CN) for CN instances.
 *
 * @param name     how reports name it
 * @param gpuNode  the build of every HN node
 * @param cpuNode  the build of every CN node
 * @param gpuNodes how many HN nodes the fixed fleet has
 * @param cpuNodes how many CN nodes the fixed fleet has
 */
public record DlrmFleet(String name, HostShape gpuNode, HostShape cpuNode, int gpuNodes, int cpuNodes) {
  public DlrmFleet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(gpuNode, "gpuNode");
    Objects.requireNonNull(cpuNode, "cpuNode");
    if (gpuNode.gpus() == 0) throw new IllegalArgumentException("fleet " + name + ": HN nodes need GPUs");
    if (cpuNode.gpus() != 0) throw new IllegalArgumentException("fleet " + name + ": CN nodes have no GPUs");
    if (gpuNodes < 0 || cpuNodes < 0) throw new IllegalArgumentException("fleet " + name + ": node counts must be >= 0");
  }

  /** The build of the nodes that host {@code role}'s instances. */
  public HostShape shape(Role role) {
    return role == Role.HN ? gpuNode : cpuNode;
  }

  /** How many nodes of {@code role} the fixed fleet has. */
  public int size(Role role) {
    return role == Role.HN ? gpuNodes : cpuNodes;
  }

  /** {@code count} nodes for {@code role}, named {@code hn-0}, {@code hn-1}, … (or {@code cn-…}). */
  public List<Node> nodes(Role role, int count, boolean dpu) {
    var shape = shape(role);
    var prefix = role.name().toLowerCase() + "-";
    var nodes = new ArrayList<Node>(count);
    for (int i = 0; i < count; i++) nodes.add(shape.node(prefix + i, dpu));
    return nodes;
  }

  /** The same fleet with {@code gpus} HN and {@code cpus} CN nodes. */
  public DlrmFleet withSizes(int gpus, int cpus) {
    return new DlrmFleet(name, gpuNode, cpuNode, gpus, cpus);
  }
}
