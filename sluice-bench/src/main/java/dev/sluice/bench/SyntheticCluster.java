package dev.sluice.bench;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.Runtimes;
import dev.sluice.core.scheduler.TopologyConstraint;
import dev.sluice.core.scheduler.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded synthetic cluster for the cycle benchmark: 8-GPU nodes of two models, leaf queues under ten
 * departments that deserve equal shares of the GPUs, and one-pod workloads of a mixed shape.
 */
public final class SyntheticCluster {
  public static final int GPUS_PER_NODE = 8;
  public static final int DEPARTMENTS = 10;
  private static final String[] MODELS = {"A100", "H100"};

  private SyntheticCluster() {
  }

  /** {@code count} nodes of 8 GPUs, 128 cores and 1 TiB; every fourth node has H100s, the others A100s. */
  public static List<Node> nodes(int count) {
    var nodes = new ArrayList<Node>(count);
    for (int i = 0; i < count; i++) {
      nodes.add(Node.uniform(String.format("node-%05d", i), 128_000, 1_048_576, GPUS_PER_NODE, MODELS[i % 4 == 3 ? 1 : 0]));
    }
    return nodes;
  }

  /** {@code leaves} leaf queues named {@code qNNNN} under ten departments; each deserves capacity / leaves. */
  public static QueueTree queues(int leaves, long gpuCapacityMilli) {
    long perLeaf = gpuCapacityMilli / leaves;
    var specs = new ArrayList<QueueSpec>();
    var departmentDeserved = new long[DEPARTMENTS];
    for (int i = 0; i < leaves; i++) {
      specs.add(new QueueSpec(leaf(i), department(i % DEPARTMENTS), 0, Map.of(Dimension.GPU, Quota.deserved(perLeaf))));
      departmentDeserved[i % DEPARTMENTS] += perLeaf;
    }
    for (int d = 0; d < DEPARTMENTS; d++) {
      specs.add(new QueueSpec(department(d), null, 0, Map.of(Dimension.GPU, Quota.deserved(departmentDeserved[d]))));
    }
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String leaf(int i) {
    return String.format("q%04d", i);
  }

  private static String department(int d) {
    return String.format("dept%02d", d);
  }

  /**
   * {@code count} pending one-pod workloads spread uniformly over the leaves, submitted at 0..count-1 ms:
   * 15 % a quarter or half of a GPU, 50 % one GPU, 15 % two, 10 % four, 10 % eight; a third of them
   * preemptible.
   */
  public static List<Workload> pending(int count, int leaves, long seed) {
    var random = new SplittableRandom(seed);
    var workloads = new ArrayList<Workload>(count);
    for (int i = 0; i < count; i++) {
      int draw = random.nextInt(100);
      int gpus = draw < 15 ? 1 : draw < 65 ? 1 : draw < 80 ? 2 : draw < 90 ? 4 : 8;
      int milli = draw < 15 ? (draw % 2 == 0 ? 250 : 500) : PodRequest.WHOLE_GPU;
      workloads.add(workload(String.format("w%07d", i), leaf(random.nextInt(leaves)), gpus, milli, i,
          random.nextInt(3) == 0));
    }
    return workloads;
  }

  /**
   * The same nodes with a fabric and a topology: four RDMA NICs of 400 Gbit/s, each under the PCIe root of
   * two GPUs (two roots per NUMA node), in racks of 16 nodes, blocks of 8 racks, one zone.
   */
  public static List<Node> fabricNodes(int count) {
    var nodes = new ArrayList<Node>(count);
    var plain = nodes(count);
    for (int i = 0; i < count; i++) {
      var node = plain.get(i);
      var gpus = node.gpus().stream().map(g -> g.at(new Locality("pci" + g.index() / 2, g.index() / 4))).toList();
      var nics = new ArrayList<NicDevice>();
      for (int k = 0; k < GPUS_PER_NODE / 2; k++) nics.add(NicDevice.rdma("mlx5_" + k, 400_000, new Locality("pci" + k, k / 2)));
      var topology = Map.of("zone", "z0", "block", "b" + i / 128, "rack", "r" + i / 16);
      nodes.add(new Node(node.name(), node.cpuMilli(), node.memoryMib(), gpus, topology,
          new NodeFabric(nics, List.of(), List.of(), Map.of())));
    }
    return nodes;
  }

  /**
   * The pending workloads of {@link #pending} asking for the fabric: every GPU pod asks 50 Gbit/s of RDMA per
   * GPU, and each 8-GPU workload becomes a gang of two such pods that must share a rack.
   */
  public static List<Workload> fabricPending(int count, int leaves, long seed) {
    return pending(count, leaves, seed).stream().map(SyntheticCluster::onFabric).toList();
  }

  private static Workload onFabric(Workload workload) {
    var pod = workload.pods().getFirst();
    if (pod.gpuCount() == 0) return workload;
    var rdma = pod.withFabric(FabricRequest.nic(50_000L * pod.gpuCount(), true));
    boolean gang = pod.gpuCount() == GPUS_PER_NODE;
    var pods = gang ? List.of(rdma, rdma.renamed(workload.id() + "-1")) : List.of(rdma);
    return new Workload(workload.id(), workload.queue(), workload.user(), pods, pods.size(), workload.priority(),
        workload.preemptible(), workload.submitTime(), workload.runtimes(),
        gang ? new TopologyConstraint("rack", true) : TopologyConstraint.NONE);
  }

  static Workload workload(String id, String queue, int gpus, int milli, long submitTime, boolean preemptible) {
    var pod = new PodRequest(id + "-0", 4_000L * gpus, 32_768L * gpus, gpus, milli, Set.of());
    return new Workload(id, queue, queue, List.of(pod), 1, PriorityClass.TRAIN, preemptible, submitTime, Runtimes.NONE);
  }
}
