package dev.sluice.sim.topology;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A synthetic fleet of identical GPU nodes in racks, the racks in blocks: node {@code r03-n07} is in rack {@code r03}
 * and block {@code b00} when blocks hold 4 racks. Levels are labelled {@value #RACK} and {@value #BLOCK}.
 *
 * @param racks         how many racks
 * @param nodesPerRack  nodes in each rack
 * @param gpusPerNode   GPUs in each node, all of {@link #GPU_MODEL}
 * @param racksPerBlock racks in each block; the last block has the racks left over
 * @param cpuMilli      CPU of each node, thousandths of a core
 * @param memoryMib     memory of each node
 */
public record RackFleet(int racks, int nodesPerRack, int gpusPerNode, int racksPerBlock, long cpuMilli, long memoryMib) {
  public static final String RACK = "rack";
  public static final String BLOCK = "block";
  public static final String GPU_MODEL = "H100";
  /** 128 cores and 1 TiB a node: the largest multi-GPU pods of the openb trace (120 cores, 720 GiB, 8 GPUs) fit. */
  public static final long NODE_CPU_MILLI = 128_000;
  public static final long NODE_MEMORY_MIB = 1024 * 1024;

  public RackFleet {
    positive("racks", racks);
    positive("nodesPerRack", nodesPerRack);
    positive("gpusPerNode", gpusPerNode);
    positive("racksPerBlock", racksPerBlock);
    if (racksPerBlock > racks) throw new IllegalArgumentException("racksPerBlock must be at most racks (" + racks + ")");
    if (cpuMilli < 1 || memoryMib < 1) throw new IllegalArgumentException("a node needs CPU and memory");
  }

  /** Racks of nodes of 128 cores and 1 TiB. */
  public static RackFleet of(int racks, int nodesPerRack, int gpusPerNode, int racksPerBlock) {
    return new RackFleet(racks, nodesPerRack, gpusPerNode, racksPerBlock, NODE_CPU_MILLI, NODE_MEMORY_MIB);
  }

  /** Every node, rack by rack. */
  public List<Node> nodes() {
    var nodes = new ArrayList<Node>(racks * nodesPerRack);
    for (int r = 0; r < racks; r++) {
      var domains = Map.of(RACK, rackName(r), BLOCK, String.format(Locale.ROOT, "b%02d", r / racksPerBlock));
      for (int n = 0; n < nodesPerRack; n++) {
        var name = String.format(Locale.ROOT, "%s-n%02d", rackName(r), n);
        nodes.add(Node.uniform(name, cpuMilli, memoryMib, gpusPerNode, GPU_MODEL).withTopology(domains));
      }
    }
    return nodes;
  }

  public long gpus() {
    return (long) racks * nodesPerRack * gpusPerNode;
  }

  /** The fleet's shape for a report: racks × nodes per rack × GPUs per node, then racks per block, e.g. {@code 16x16x8-b4}. */
  public String shape() {
    return racks + "x" + nodesPerRack + "x" + gpusPerNode + "-b" + racksPerBlock;
  }

  /**
   * The narrowest level one domain of which holds {@code size} pods like {@code pod} on empty nodes: {@value #RACK}, else
   * {@value #BLOCK}, else the empty string (no single block holds it).
   */
  public String narrowestLevelHolding(PodRequest pod, int size) {
    int perNode = NodeFit.podsFitting(NodeState.empty(NodeType.of(Node.uniform("empty", cpuMilli, memoryMib, gpusPerNode, GPU_MODEL))), pod);
    long perRack = (long) perNode * nodesPerRack;
    if (perRack >= size) return RACK;
    if (perRack * racksPerBlock >= size) return BLOCK;
    return "";
  }

  private static String rackName(int rack) {
    return String.format(Locale.ROOT, "r%02d", rack);
  }

  private static void positive(String field, int value) {
    if (value < 1) throw new IllegalArgumentException(field + " must be at least 1, was " + value);
  }
}
