package dev.sluice.bench;

import dev.sluice.k8s.resource.QueueResource;
import dev.sluice.k8s.read.ClusterObjects;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Kubernetes benchmark's cluster, the same for every run: nodes of four kinds in turn (8×H100 with 96
 * cores, 8×A100 with 64, 4×L40S with 48, and CPU-only with 32), every tenth GPU node running a pod of
 * another scheduler on 2 GPUs; four leaf queues under one department; pods of five shapes in turn
 * (1 GPU ×3, half a GPU, 2 GPUs, CPU-only), each 1–4 cores.
 */
final class BenchCluster {
  static final String NAMESPACE = "bench";
  private static final String[] MODELS = {"NVIDIA-H100-80GB-HBM3", "NVIDIA-A100-SXM4-80GB", "NVIDIA-L40S", ""};
  private static final int[] GPUS = {8, 8, 4, 0};
  private static final int[] CORES = {96, 64, 48, 32};

  private BenchCluster() {
  }

  static void queues(KubernetesClient client) {
    queues().forEach(q -> client.resources(QueueResource.class).resource(q).create());
  }

  static List<QueueResource> queues() {
    var queues = new ArrayList<QueueResource>();
    queues.add(queue("bench", null, "100000"));
    for (int i = 0; i < 4; i++) queues.add(queue("team-" + i, "bench", "25000"));
    return queues;
  }

  private static QueueResource queue(String name, String parent, String deserved) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    q.setSpec(new QueueResource.Spec(parent, null, Map.of("gpu", new QueueResource.Terms(new Quantity(deserved), null, null, null)), null));
    return q;
  }

  /** The whole cluster as API objects in memory, as an informer cache would hold it. */
  static ClusterObjects objects(int nodes, int pods) {
    return objects(nodes, IntStream.range(0, pods).mapToObj(BenchCluster::pod).toList());
  }

  /**
   * The cluster with {@code pods} pods of the shapes that take whole GPUs only (no half-GPU pod, whose first bind
   * on a GPU waits for a reservation pod).
   */
  static ClusterObjects objectsOfWholeGpuPods(int nodes, int pods) {
    return objects(nodes, IntStream.iterate(0, i -> i + 1).filter(i -> !isFraction(i)).limit(pods).mapToObj(BenchCluster::pod).toList());
  }

  private static ClusterObjects objects(int nodes, List<Pod> pending) {
    var nodeList = new ArrayList<Node>(nodes);
    var podList = new ArrayList<Pod>(pending.size() + nodes / 10);
    for (int i = 0; i < nodes; i++) {
      nodeList.add(node(i));
      foreign(i).ifPresent(podList::add);
    }
    podList.addAll(pending);
    return new ClusterObjects(nodeList, podList, queues(), List.of(), List.of(), List.of(), List.of());
  }

  private static boolean isFraction(int i) {
    return i % 5 == 3;
  }

  static void node(KubernetesClient client, int i) {
    client.nodes().resource(node(i)).create();
    foreign(i).ifPresent(p -> client.pods().inNamespace(NAMESPACE).resource(p).create());
  }

  static Node node(int i) {
    int kind = i % 4;
    var labels = new HashMap<String, String>();
    if (GPUS[kind] > 0) labels.put("nvidia.com/gpu.product", MODELS[kind]);
    labels.put("topology.kubernetes.io/zone", "zone-" + (i % 3));
    return new NodeBuilder().withNewMetadata().withName(nodeName(i)).withLabels(labels).endMetadata()
        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(Integer.toString(CORES[kind])), "memory", new Quantity((CORES[kind] * 8) + "Gi"),
            "nvidia.com/gpu", new Quantity(Integer.toString(GPUS[kind]))))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
  }

  private static String nodeName(int i) {
    return String.format("node-%05d", i);
  }

  /** The pod of another scheduler on every tenth GPU node. */
  static Optional<Pod> foreign(int i) {
    if (GPUS[i % 4] == 0 || i % 10 != 0) return Optional.empty();
    return Optional.of(pod("foreign-" + i, 1, 2, Map.of()).editSpec().withSchedulerName("default-scheduler").withNodeName(nodeName(i)).endSpec()
        .editStatus().withPhase("Running").endStatus().build());
  }

  static void pod(KubernetesClient client, int i) {
    client.pods().inNamespace(NAMESPACE).resource(pod(i)).create();
  }

  static Pod pod(int i) {
    int shape = i % 5;
    int gpus = switch (shape) {
      case 0, 1, 2 -> 1;
      case 4 -> 2;
      default -> 0;
    };
    var annotations = isFraction(i) ? Map.of("sluice.dev/gpu-fraction", "0.5") : Map.<String, String>of();
    return pod(String.format("pod-%06d", i), 1 + i % 4, gpus, annotations).editMetadata().addToLabels("sluice.dev/queue", "team-" + (i % 4))
        .withCreationTimestamp(java.time.Instant.ofEpochSecond(1_800_000_000L + i).toString()).endMetadata().build();
  }

  private static PodBuilder pod(String name, int cores, int gpus, Map<String, String> annotations) {
    var limits = new HashMap<String, Quantity>();
    if (gpus > 0) limits.put("nvidia.com/gpu", new Quantity(Integer.toString(gpus)));
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withAnnotations(annotations).endMetadata()
        .withNewSpec().withSchedulerName("sluice").addNewContainer().withName("main").withImage("busybox").withNewResources()
        .withRequests(Map.of("cpu", new Quantity(Integer.toString(cores)), "memory", new Quantity(cores * 2 + "Gi"))).withLimits(limits)
        .endResources().endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus();
  }
}
