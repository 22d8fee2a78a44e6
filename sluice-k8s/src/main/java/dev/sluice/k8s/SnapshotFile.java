package dev.sluice.k8s;

import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's scheduling state in one YAML file: a {@code v1 List} of the nodes, pods, queues, pod groups,
 * namespaces, priority classes and batch Jobs Sluice reads, so that {@code sluice simulate snapshot} can run
 * the same cycle on it offline.
 */
public final class SnapshotFile {
  private SnapshotFile() {
  }

  /** Everything Sluice reads, listed from the API server now. */
  public static ClusterObjects list(KubernetesClient client) {
    return new ClusterObjects(client.nodes().list().getItems(), client.pods().inAnyNamespace().list().getItems(),
        client.resources(QueueResource.class).list().getItems(), client.resources(PodGroupResource.class).inAnyNamespace().list().getItems(),
        client.namespaces().list().getItems(), client.scheduling().v1().priorityClasses().list().getItems(),
        client.batch().v1().jobs().inAnyNamespace().list().getItems(),
        TrainingJobTypes.installed(client, TrainingJobTypes.KNOWN).stream()
            .flatMap(type -> client.genericKubernetesResources(type).inAnyNamespace().list().getItems().stream()).toList());
  }

  public static void write(ClusterObjects objects, Path file) throws IOException {
    var items = new ArrayList<HasMetadata>();
    items.addAll(objects.nodes());
    items.addAll(objects.namespaces());
    items.addAll(objects.priorityClasses());
    items.addAll(objects.queues());
    items.addAll(objects.podGroups());
    items.addAll(objects.jobs());
    items.addAll(objects.trainingJobs());
    items.addAll(objects.pods());
    var list = new KubernetesList();
    list.setItems(items);
    Files.writeString(file, Serialization.asYaml(list));
  }

  /** Reads a file written by {@link #write} (or any YAML list of such objects); objects of other kinds are ignored. */
  public static ClusterObjects read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return objects(items(Serialization.unmarshal(in)));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a YAML list of Kubernetes objects: " + e.getMessage(), e);
    }
  }

  /** Queues from a YAML file of Queue objects, for a what-if run with other queues. */
  public static List<QueueResource> readQueues(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return objects(items(Serialization.unmarshal(in))).queues();
    } catch (RuntimeException e) {
      throw new IOException(file + " is not YAML of Queue objects: " + e.getMessage(), e);
    }
  }

  private static List<?> items(Object parsed) {
    return switch (parsed) {
      case KubernetesList list -> list.getItems();
      case List<?> list -> list;
      case null -> List.of();
      default -> List.of(parsed);
    };
  }

  private static ClusterObjects objects(List<?> items) {
    var nodes = new ArrayList<Node>();
    var pods = new ArrayList<Pod>();
    var queues = new ArrayList<QueueResource>();
    var groups = new ArrayList<PodGroupResource>();
    var namespaces = new ArrayList<Namespace>();
    var classes = new ArrayList<PriorityClass>();
    var jobs = new ArrayList<Job>();
    var training = new ArrayList<io.fabric8.kubernetes.api.model.GenericKubernetesResource>();
    for (var item : items) {
      switch (item) {
        case Node n -> nodes.add(n);
        case Pod p -> pods.add(p);
        case Namespace n -> namespaces.add(n);
        case PriorityClass c -> classes.add(c);
        case Job j -> jobs.add(j);
        case HasMetadata h when "Queue".equals(h.getKind()) -> queues.add(Serialization.unmarshal(Serialization.asJson(h), QueueResource.class));
        case HasMetadata h when "PodGroup".equals(h.getKind()) -> groups.add(Serialization.unmarshal(Serialization.asJson(h), PodGroupResource.class));
        case io.fabric8.kubernetes.api.model.GenericKubernetesResource g when "PyTorchJob".equals(g.getKind()) || "JobSet".equals(g.getKind()) ->
            training.add(g);
        default -> { }
      }
    }
    return new ClusterObjects(nodes, pods, queues, groups, namespaces, classes, jobs, training);
  }
}
