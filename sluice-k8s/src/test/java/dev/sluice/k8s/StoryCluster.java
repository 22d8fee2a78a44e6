package dev.sluice.k8s;

import static org.awaitility.Awaitility.await;

import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import dev.sluice.testkit.k8s.BindingCrudDispatcher;
import dev.sluice.testkit.k8s.MockApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where a story runs: fabric8's mock API server in CRUD mode (with {@link BindingCrudDispatcher}), or, when
 * {@code SLUICE_E2E_KUBECONFIG} names a kubeconfig, a real cluster (whose nodes the stories create as
 * objects, so it needs fake nodes that stay Ready, as KWOK provides). Creates Sluice's CRDs from
 * {@code deploy/kubernetes/crds.yaml} and the reservation namespace.
 */
final class StoryCluster implements AutoCloseable {
  static final Path CRDS = Path.of("..", "deploy", "kubernetes", "crds.yaml");
  final KubernetesClient client;
  private final MockApiServer server;
  final BindingCrudDispatcher dispatcher;
  private final List<KubernetesLoop> loops = new ArrayList<>();

  private StoryCluster(KubernetesClient client, MockApiServer server, BindingCrudDispatcher dispatcher) {
    this.client = client;
    this.server = server;
    this.dispatcher = dispatcher;
  }

  static StoryCluster start() {
    var cluster = startBare();
    cluster.install();
    return cluster;
  }

  /** As {@link #start}, with a namespace {@code namespace} for the story's pods. */
  static StoryCluster startWith(String namespace) {
    var cluster = start();
    cluster.namespace(namespace, Map.of());
    return cluster;
  }

  /**
   * A scheduler loop on this cluster (default configuration, grace 5 s, half-life 1 h), synced, cycling only when
   * asked; it is the one {@link #cycleUntil} runs, and {@link #close} closes it.
   */
  KubernetesLoop loop(InstantSource clock) {
    // A gang taken back after a failed bind waits a moment, not the default 10 s, so the stories stay short.
    var config = K8sConfig.defaults().withGangRetryBackoff(Duration.ofMillis(500));
    var next = new KubernetesLoop(client, config, SchedulerConfig.defaults(), clock, Duration.ofSeconds(5), Duration.ofHours(1));
    next.sync();
    loops.add(next);
    return next;
  }

  /** Runs the last loop's cycles until {@code condition} holds (at most 10 s). */
  void cycleUntil(BooleanSupplier condition) {
    var loop = loops.getLast();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      loop.cycle();
      return condition.getAsBoolean();
    });
  }

  /** The API server with nothing of Sluice's installed. */
  static StoryCluster startBare() {
    String kubeconfig = System.getenv("SLUICE_E2E_KUBECONFIG");
    StoryCluster cluster;
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      try {
        var config = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
        cluster = new StoryCluster(new KubernetesClientBuilder().withConfig(config).build(), null, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      var server = new MockApiServer();
      cluster = new StoryCluster(server.client(), server, server.dispatcher());
    }
    return cluster;
  }

  boolean isMock() {
    return server != null;
  }

  private void install() {
    try (var in = new FileInputStream(CRDS.toFile())) {
      var crds = client.load(in);
      if (isMock()) crds.create(); else crds.serverSideApply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    namespace("sluice-system", Map.of());
  }

  void namespace(String name, Map<String, String> labels) {
    var namespace = client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .build());
    if (namespace.get() == null) namespace.create(); else namespace.update();
  }

  Node node(String name, String cpu, String memory, int gpus, String model, long gpuMemoryMib) {
    var labels = new LinkedHashMap<String, String>();
    if (gpus > 0) {
      labels.put("nvidia.com/gpu.product", model);
      labels.put("nvidia.com/gpu.memory", Long.toString(gpuMemoryMib));
      labels.put("nvidia.com/gpu.count", Integer.toString(gpus));
    }
    var node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus()
        .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "nvidia.com/gpu", new Quantity(Integer.toString(gpus))))
        .withCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "nvidia.com/gpu", new Quantity(Integer.toString(gpus))))
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus().build();
    return client.nodes().resource(node).create();
  }

  void queue(String name, String parent, String gpuDeserved, String gpuLimit) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    var gpu = new QueueResource.Terms(gpuDeserved == null ? null : new Quantity(gpuDeserved), gpuLimit == null ? null : new Quantity(gpuLimit),
        null, null);
    q.setSpec(new QueueResource.Spec(parent, null, Map.of("gpu", gpu), null));
    client.resources(QueueResource.class).resource(q).create();
  }

  void podGroup(String namespace, String name, String queue, int minMember) {
    podGroup(namespace, name, new PodGroupResource.Spec(queue, minMember, null, null));
  }

  void podGroup(String namespace, String name, PodGroupResource.Spec spec) {
    var g = new PodGroupResource();
    g.getMetadata().setName(name);
    g.getMetadata().setNamespace(namespace);
    g.setSpec(spec);
    client.resources(PodGroupResource.class).inNamespace(namespace).resource(g).create();
  }

  /** Labels the node with its domain at a topology level, e.g. {@code sluice.dev/rack: r1}. */
  void label(String node, String key, String value) {
    client.nodes().withName(node).edit(n -> {
      n.getMetadata().getLabels().put(key, value);
      return n;
    });
  }

  /** A pod for Sluice: {@code gpus} whole GPUs, or a fraction by annotation when {@code annotations} says so. */
  Pod pod(String namespace, String name, int gpus, Map<String, String> labels, Map<String, String> annotations) {
    return pod(namespace, name, gpus, labels, annotations, List.of());
  }

  /** A pod for Sluice, as above, that {@code owners} own (e.g. the training job whose controller made it). */
  Pod pod(String namespace, String name, int gpus, Map<String, String> labels, Map<String, String> annotations,
          List<OwnerReference> owners) {
    var limits = new HashMap<String, Quantity>();
    if (gpus > 0) limits.put("nvidia.com/gpu", new Quantity(Integer.toString(gpus)));
    var pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(owners).endMetadata()
        .withNewSpec().withSchedulerName("sluice")
        .addNewContainer().withName("main").withImage("busybox")
        .withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"))).withLimits(limits).endResources()
        .endContainer().endSpec()
        .withNewStatus().withPhase("Pending").endStatus().build();
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  Pod get(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  /** The node the pod is bound to; null while it waits (or when it is gone). */
  String nodeOf(String namespace, String name) {
    var pod = get(namespace, name);
    return pod == null ? null : pod.getSpec().getNodeName();
  }

  /** The message of the pod's {@code PodScheduled=False} condition: why Sluice says it waits; empty when none. */
  String scheduledMessage(String namespace, String name) {
    var pod = get(namespace, name);
    if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) return "";
    return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(c -> c.getMessage()).reduce((first, last) -> last).orElse("");
  }

  /** How many pods of the namespace whose names start with {@code prefix} are bound. */
  long countBound(String namespace, String prefix) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(prefix) && p.getSpec().getNodeName() != null).count();
  }

  @Override
  public void close() {
    loops.forEach(KubernetesLoop::close);
    client.close();
    if (server != null) server.close();
  }
}
