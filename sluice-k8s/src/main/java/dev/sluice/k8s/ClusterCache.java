package dev.sluice.k8s;

import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Informers on everything a cycle reads: nodes, pods, queues, pod groups, namespaces, priority classes, batch
 * Jobs, and PyTorchJobs and JobSets where their CRDs are installed. Any change calls {@code onChange}. Started
 * informers have listed everything once.
 */
final class ClusterCache implements AutoCloseable {
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Node> nodes;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Pod> pods;
  private final SharedIndexInformer<QueueResource> queues;
  private final SharedIndexInformer<PodGroupResource> podGroups;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Namespace> namespaces;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass> priorityClasses;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs;
  private final List<SharedIndexInformer<GenericKubernetesResource>> trainingJobs = new ArrayList<>();

  ClusterCache(KubernetesClient client, Runnable onChange) {
    nodes = add(client.nodes().inform(handler(onChange), 0));
    pods = add(client.pods().inAnyNamespace().inform(handler(onChange), 0));
    queues = add(client.resources(QueueResource.class).inform(handler(onChange), 0));
    podGroups = add(client.resources(PodGroupResource.class).inAnyNamespace().inform(handler(onChange), 0));
    namespaces = add(client.namespaces().inform(handler(onChange), 0));
    priorityClasses = add(client.scheduling().v1().priorityClasses().inform(handler(onChange), 0));
    jobs = add(client.batch().v1().jobs().inAnyNamespace().inform(handler(onChange), 0));
    for (var type : TrainingJobTypes.installed(client)) {
      trainingJobs.add(add(client.genericKubernetesResources(type).inAnyNamespace().inform(handler(onChange), 0)));
    }
  }

  private <T> SharedIndexInformer<T> add(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  private static <T> ResourceEventHandler<T> handler(Runnable onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.run();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.run();
      }
    };
  }

  ClusterObjects objects() {
    return new ClusterObjects(nodes.getStore().list(), pods.getStore().list(), queues.getStore().list(), podGroups.getStore().list(),
        namespaces.getStore().list(), priorityClasses.getStore().list(), jobs.getStore().list(),
        trainingJobs.stream().flatMap(i -> i.getStore().list().stream()).toList());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
