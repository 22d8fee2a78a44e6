package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.QueueTree;
import dev.sluice.k8s.read.Parsed;
import dev.sluice.k8s.read.QueueSpecs;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code deploy/kubernetes/} installs agrees with the code: CRD names, the sample queues, RBAC for every call. */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");

  private static List<HasMetadata> load(String file) throws IOException {
    try (var in = Files.newInputStream(DEPLOY.resolve(file))) {
      Object parsed = Serialization.unmarshal(in);
      return parsed instanceof KubernetesList list ? list.getItems()
          : parsed instanceof List<?> items ? items.stream().map(HasMetadata.class::cast).toList() : List.of((HasMetadata) parsed);
    }
  }

  @Test
  void theCrdsDefineTheResourcesTheCodeReadsWithAStatusSubresourceAndPrinterColumns() throws IOException {
    var crds = load("crds.yaml").stream().map(CustomResourceDefinition.class::cast).toList();
    assertThat(crds).extracting(c -> c.getMetadata().getName())
        .containsExactly(HasMetadata.getFullResourceName(QueueResource.class), HasMetadata.getFullResourceName(PodGroupResource.class));
    for (var crd : crds) {
      var version = crd.getSpec().getVersions().getFirst();
      assertThat(version.getName()).isEqualTo("v1alpha1");
      assertThat(version.getSubresources().getStatus()).isNotNull();
      assertThat(version.getAdditionalPrinterColumns()).isNotEmpty();
    }
    assertThat(crds.get(0).getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crds.get(1).getSpec().getScope()).isEqualTo("Namespaced");
  }

  @Test
  void theHelmChartInstallsTheSameCrds() throws IOException {
    assertThat(Files.readString(Path.of("..", "deploy", "helm", "sluice", "crds", "crds.yaml"))).isEqualTo(Files.readString(DEPLOY.resolve("crds.yaml")));
  }

  @Test
  void theSampleQueuesFormAValidTree() throws Exception {
    var queues = load("sample-queues.yaml").stream().filter(o -> o.getKind().equals("Queue"))
        .map(o -> Serialization.unmarshal(Serialization.asJson(o), QueueResource.class)).toList();
    var specs = queues.stream().map(q -> ((Parsed.Ok<dev.sluice.core.queue.QueueSpec>) QueueSpecs.of(q)).value()).toList();
    var tree = QueueTree.of(specs);
    assertThat(tree.children("research")).containsExactly("nlp", "vision");
    assertThat(tree.isLeaf("default")).isTrue();
  }

  @Test
  void theRolesAllowEveryCallTheSchedulerMakes() throws IOException {
    var objects = load("rbac.yaml");
    var cluster = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow();
    var local = objects.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
    record Call(String resource, String verb) {
    }
    var clusterCalls = List.of(new Call("pods/binding", "create"), new Call("pods/eviction", "create"), new Call("pods/status", "patch"),
        new Call("pods", "watch"), new Call("pods", "patch"), new Call("nodes", "watch"), new Call("events", "create"),
        new Call("queues/status", "patch"), new Call("configmaps", "create"), new Call("podgroups", "watch"), new Call("jobs", "watch"), new Call("priorityclasses", "watch"), new Call("pytorchjobs", "watch"), new Call("jobsets", "watch"));
    for (var call : clusterCalls) {
      assertThat(cluster.getRules()).as(call.toString())
          .anyMatch(r -> r.getResources().contains(call.resource()) && r.getVerbs().contains(call.verb()));
    }
    for (var type : TrainingJobTypes.KNOWN) {
      assertThat(cluster.getRules()).as("looking (again) for the CRD of " + type.getKind()).anyMatch(r -> r.getResources().contains("customresourcedefinitions")
          && r.getVerbs().contains("get") && r.getResourceNames().contains(TrainingJobTypes.crdName(type)));
    }
    assertThat(local.getRules()).anyMatch(r -> r.getResources().contains("pods") && r.getVerbs().containsAll(List.of("create", "delete")));
    assertThat(local.getRules()).anyMatch(r -> r.getResources().contains("leases") && r.getVerbs().contains("update"));
    assertThat(local.getRules()).anyMatch(r -> r.getResources().contains("pods/log") && r.getVerbs().contains("get"));
    // A pod of a gang that did not bind whole is deleted where a PodDisruptionBudget refuses its eviction (GangTakeBack).
    assertThat(cluster.getRules()).anyMatch(r -> r.getResources().contains("pods") && r.getVerbs().contains("delete"));
  }

}
