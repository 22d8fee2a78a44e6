package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice k8s ...} and {@code sluice simulate snapshot} against fabric8's mock API server in CRUD mode. */
class K8sCommandsIT {
  @TempDir
  Path dir;

  private final CapturedCli cli = new CapturedCli();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;

  @BeforeEach
  void start() throws IOException {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        contexts: [{name: mock, context: {cluster: mock, user: me}}]
        current-context: mock
        users: [{name: me, user: {token: t}}]
        """.formatted(client.getMasterUrl()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private void installCrdsAndCluster() throws IOException {
    try (var in = Files.newInputStream(Path.of("..", "deploy", "kubernetes", "crds.yaml"))) {
      client.load(in).create();
    }
    client.load(new java.io.ByteArrayInputStream("""
        apiVersion: sluice.dev/v1alpha1
        kind: Queue
        metadata: {name: a}
        spec: {resources: {gpu: {deserved: 4}}}
        ---
        apiVersion: sluice.dev/v1alpha1
        kind: Queue
        metadata: {name: b}
        spec: {resources: {gpu: {deserved: 4}}}
        """.getBytes())).create();
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").addToLabels("nvidia.com/gpu.product", "H100").endMetadata()
        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("64"), "memory", new Quantity("512Gi"), "nvidia.com/gpu", new Quantity("8")))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    pod("borrower-1", "b", 4, "n1");
    pod("borrower-2", "b", 4, "n1");
    pod("owner", "a", 4, null);
  }

  private void pod(String name, String queue, int gpus, String node) {
    client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("ml")
        .addToLabels("sluice.dev/queue", queue).withCreationTimestamp("2026-12-01T10:00:00Z").endMetadata()
        .withNewSpec().withSchedulerName("sluice").withNodeName(node).addNewContainer().withName("main").withNewResources()
        .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
        .withLimits(Map.of("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))).endResources().endContainer().endSpec()
        .withNewStatus().withPhase(node == null ? "Pending" : "Running").endStatus().build()).create();
  }

  @Test
  void aSnapshotOfTheClusterAnswersWhatTheCycleWouldDoAndWhatIfTheQuotasChanged() throws IOException {
    installCrdsAndCluster();
    var file = dir.resolve("cluster.yaml");

    assertThat(cli.sluice("k8s", "snapshot", "--kubeconfig", kubeconfig.toString(), "--out", file.toString())).as(cli.err::toString).isZero();
    assertThat(cli.out.toString()).contains("1 nodes, 3 pods, 2 queues");

    assertThat(cli.sluice("simulate", "snapshot", file.toString())).isZero();
    assertThat(cli.out.toString())
        .containsPattern("evict +ml/pod/borrower-\\d +b +deserved: queue a reclaims its deserved quota")
        .contains("what-if: 1 nodes, 2 workloads running, 1 would bind, 1 would be evicted, 1 would wait, 0 held");

    var queues = Files.writeString(dir.resolve("queues.yaml"), """
        apiVersion: sluice.dev/v1alpha1
        kind: Queue
        metadata: {name: a}
        spec: {resources: {gpu: {deserved: 0}}}
        ---
        apiVersion: sluice.dev/v1alpha1
        kind: Queue
        metadata: {name: b}
        spec: {resources: {gpu: {deserved: 8}}}
        """);
    cli.out.getBuffer().setLength(0);
    assertThat(cli.sluice("simulate", "snapshot", file.toString(), "--queues", queues.toString())).isZero();
    assertThat(cli.out.toString()).containsPattern("wait +ml/pod/owner +a")
        .contains("0 would bind, 0 would be evicted, 1 would wait");
    assertThat(client.pods().inNamespace("ml").withName("owner").get().getSpec().getNodeName()).as("nothing changed").isNull();
  }

  @Test
  void theSchedulerRefusesToStartWithoutItsCrdsNamingTheFileToApply() {
    assertThat(cli.sluice("k8s", "scheduler", "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0")).isEqualTo(4);
    assertThat(cli.err.toString().strip())
        .isEqualTo("sluice: the custom resource definition queues.sluice.dev is not installed; apply it with: kubectl apply -f deploy/kubernetes/crds.yaml");
  }

  @Test
  void aTopologyLabelWithoutALevelIsOneLineBeforeAnythingIsRead() {
    assertThat(cli.sluice("k8s", "scheduler", "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0", "--topology-label",
        "=example.com/rack")).isNotZero();
    assertThat(cli.err.toString().strip()).startsWith("sluice: --topology-label: give LEVEL=LABEL");
  }

  @Test
  void aGangRetryBackoffThatIsNoLifetimeIsOneLine() {
    assertThat(cli.sluice("k8s", "scheduler", "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0",
        "--gang-retry-backoff", "soon")).isEqualTo(2);
    assertThat(cli.err.toString().strip()).contains("--gang-retry-backoff").contains("'soon' is not a lifetime");
  }

  @Test
  void aStaleGangGraceThatIsNoLifetimeIsOneLine() {
    for (var grace : List.of("soon", "-5s")) {
      cli.err.getBuffer().setLength(0);
      assertThat(cli.sluice("k8s", "scheduler", "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0", "--stale-gang-grace", grace))
          .isEqualTo(2);
      assertThat(cli.err.toString().strip()).contains("--stale-gang-grace").contains("'" + grace + "' is not a lifetime")
          .doesNotContain("Exception");
    }
  }

  @Test
  void anUnreadableKubeconfigIsOneLine() {
    assertThat(cli.sluice("k8s", "snapshot", "--kubeconfig", dir.resolve("missing").toString(), "--out", dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(cli.err.toString()).startsWith("sluice: --kubeconfig: cannot read ").doesNotContain("Exception");
  }
}
