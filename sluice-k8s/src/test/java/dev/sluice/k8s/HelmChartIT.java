package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import dev.sluice.k8s.read.Parsed;
import dev.sluice.k8s.read.QueueSpecs;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart as Helm itself renders and lints it (helm-java runs Helm's Go code as a native library): with
 * its defaults it installs what {@code deploy/kubernetes/} does, and its values switch what they say.
 */
class HelmChartIT {
  private static final Path CHART = Path.of("..", "deploy", "helm", "sluice");
  private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
  private static final String NAMESPACE = "sluice-system";

  @BeforeAll
  static void helmRunsHere() {
    var arch = System.getProperty("os.arch");
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && Set.of("amd64", "x86_64", "aarch64").contains(arch),
        "Helm's native library is built here for Linux on amd64 or arm64 only, not " + System.getProperty("os.name") + " " + arch);
  }

  private static List<HasMetadata> parse(String yaml) {
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    return parsed instanceof KubernetesList list ? list.getItems()
        : parsed instanceof List<?> items ? items.stream().map(HasMetadata.class::cast).toList() : List.of((HasMetadata) parsed);
  }

  private static List<HasMetadata> render(Map<String, Object> values) {
    var template = new Helm(CHART).template().withName("sluice").withNamespace(NAMESPACE);
    values.forEach(template::set);
    return parse(template.call());
  }

  private static List<HasMetadata> manifests(String... files) throws IOException {
    var objects = new ArrayList<HasMetadata>();
    for (var file : files) objects.addAll(parse(Files.readString(MANIFESTS.resolve(file))));
    return objects;
  }

  private static Set<String> ids(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static Container container(List<HasMetadata> objects, String deployment) {
    return only(objects, Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  @Test
  void helmLintFindsNothingWrongEvenWhenStrict() {
    var result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void withItsDefaultsTheChartInstallsWhatTheManifestsInstallWithTheSameRights() throws IOException {
    var rendered = render(Map.of());
    var installed = manifests("rbac.yaml", "scheduler.yaml", "webhook.yaml").stream()
        .filter(o -> !o.getKind().equals("Namespace")).toList();

    assertThat(ids(rendered)).containsAll(ids(installed));
    assertThat(only(rendered, ClusterRole.class, "sluice-scheduler").getRules())
        .containsExactlyInAnyOrderElementsOf(only(installed, ClusterRole.class, "sluice-scheduler").getRules());
    List<PolicyRule> local = only(installed, Role.class, "sluice-scheduler").getRules();
    assertThat(only(rendered, Role.class, "sluice-scheduler").getRules()).containsExactlyInAnyOrderElementsOf(local);
    for (var deployment : List.of("sluice-scheduler", "sluice-webhook")) {
      var chart = container(rendered, deployment);
      var plain = container(installed, deployment);
      assertThat(chart.getImage()).as(deployment).isEqualTo(plain.getImage());
      assertThat(chart.getSecurityContext()).as(deployment).isEqualTo(plain.getSecurityContext());
      assertThat(chart.getResources()).as(deployment).isEqualTo(plain.getResources());
      assertThat(chart.getPorts()).as(deployment).isEqualTo(plain.getPorts());
    }
    assertThat(container(rendered, "sluice-scheduler").getArgs()).contains("--leader-elect", "--metrics-port=8081", "--stale-gang-grace=60s");
    assertThat(container(installed, "sluice-scheduler").getArgs()).containsSequence("--stale-gang-grace", "60s");
  }

  @Test
  void itsValuesSetHowLongAGangMayRunBelowItsMinimum() {
    assertThat(container(render(Map.of("scheduler.staleGangGrace", "5m")), "sluice-scheduler").getArgs()).contains("--stale-gang-grace=5m");
  }

  @Test
  void theQueuesOfItsValuesAreQueuesSluiceReads() {
    var queues = render(Map.of()).stream().filter(o -> o.getKind().equals("Queue"))
        .map(o -> Serialization.unmarshal(Serialization.asJson(o), QueueResource.class)).toList();
    assertThat(queues).extracting(q -> q.getMetadata().getName()).containsExactly("default");
    assertThat(queues).allSatisfy(q -> assertThat(QueueSpecs.of(q)).isInstanceOf(Parsed.Ok.class));
  }

  @Test
  void itsValuesTurnTheWebhookAndLeaderElectionOff() {
    var rendered = render(Map.of("webhook.enabled", false, "scheduler.replicas", 1, "scheduler.leaderElect", false));
    assertThat(ids(rendered)).noneMatch(id -> id.contains("webhook") || id.startsWith("MutatingWebhookConfiguration"));
    assertThat(container(rendered, "sluice-scheduler").getArgs()).doesNotContain("--leader-elect");
    assertThat(only(rendered, Deployment.class, "sluice-scheduler").getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void moreThanOneSchedulerWithoutLeaderElectionIsRefusedSayingWhy() {
    assertThatThrownBy(() -> render(Map.of("scheduler.replicas", 2, "scheduler.leaderElect", false)))
        .hasMessageContaining("scheduler.replicas above 1 needs scheduler.leaderElect: true");
  }
}
