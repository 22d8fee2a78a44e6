package dev.sluice.k8s.read;

import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;

/**
 * The API objects one cycle reads, as the informers' caches held them.
 *
 * @param trainingJobs the PyTorchJobs ({@code kubeflow.org/v1}) and JobSets ({@code jobset.x-k8s.io/v1alpha2}) of
 *                     clusters that have those CRDs, for the size of their gangs
 */
public record ClusterObjects(List<Node> nodes, List<Pod> pods, List<QueueResource> queues, List<PodGroupResource> podGroups,
                             List<Namespace> namespaces, List<PriorityClass> priorityClasses, List<Job> jobs,
                             List<GenericKubernetesResource> trainingJobs) {
  /** Objects of a cluster without PyTorchJobs or JobSets. */
  public ClusterObjects(List<Node> nodes, List<Pod> pods, List<QueueResource> queues, List<PodGroupResource> podGroups,
                        List<Namespace> namespaces, List<PriorityClass> priorityClasses, List<Job> jobs) {
    this(nodes, pods, queues, podGroups, namespaces, priorityClasses, jobs, List.of());
  }

  public ClusterObjects {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    queues = List.copyOf(queues);
    podGroups = List.copyOf(podGroups);
    namespaces = List.copyOf(namespaces);
    priorityClasses = List.copyOf(priorityClasses);
    jobs = List.copyOf(jobs);
    trainingJobs = List.copyOf(trainingJobs);
  }
}
