package dev.sluice.k8s;

import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Informers on everything a cycle reads: nodes, pods, queues, pod groups, namespaces, priority classes, batch
 * Jobs, and PyTorchJobs and JobSets where their CRDs are installed, at start or later ({@link #lookForTrainingJobCrds}).
 * Any change calls {@code onChange}. Started informers have listed everything once.
 */
final class ClusterCache implements AutoCloseable {
  /** How often the CRDs of training jobs not found yet are looked for again. */
  static final Duration TRAINING_JOB_CRD_RECHECK = Duration.ofSeconds(30);
  private static final System.Logger LOG = System.getLogger(ClusterCache.class.getName());
  private final KubernetesClient client;
  private final Runnable onChange;
  private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Node> nodes;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Pod> pods;
  private final SharedIndexInformer<QueueResource> queues;
  private final SharedIndexInformer<PodGroupResource> podGroups;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Namespace> namespaces;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass> priorityClasses;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs;
  private final List<SharedIndexInformer<GenericKubernetesResource>> trainingJobs = new CopyOnWriteArrayList<>();
  private final List<ResourceDefinitionContext> trainingJobTypesMissing = new ArrayList<>(TrainingJobTypes.KNOWN);
  private long lookedForTrainingJobCrdsMillis;

  ClusterCache(KubernetesClient client, Runnable onChange, long nowMillis) {
    this.client = client;
    this.onChange = onChange;
    nodes = add(client.nodes().inform(handler(onChange), 0));
    pods = add(client.pods().inAnyNamespace().inform(handler(onChange), 0));
    queues = add(client.resources(QueueResource.class).inform(handler(onChange), 0));
    podGroups = add(client.resources(PodGroupResource.class).inAnyNamespace().inform(handler(onChange), 0));
    namespaces = add(client.namespaces().inform(handler(onChange), 0));
    priorityClasses = add(client.scheduling().v1().priorityClasses().inform(handler(onChange), 0));
    jobs = add(client.batch().v1().jobs().inAnyNamespace().inform(handler(onChange), 0));
    informTrainingJobs(TrainingJobTypes.installed(client, TrainingJobTypes.KNOWN));
    lookedForTrainingJobCrdsMillis = nowMillis;
  }

  /**
   * Starts informers on the training jobs whose CRDs were installed since they were last looked for, when
   * {@link #TRAINING_JOB_CRD_RECHECK} has passed since (two GETs): until then their pods form gangs of the pods
   * that exist. Called by the cycle's thread, before it reads the objects.
   */
  void lookForTrainingJobCrds(long nowMillis) {
    if (trainingJobTypesMissing.isEmpty() || nowMillis - lookedForTrainingJobCrdsMillis < TRAINING_JOB_CRD_RECHECK.toMillis()) return;
    lookedForTrainingJobCrdsMillis = nowMillis;
    for (var type : informTrainingJobs(TrainingJobTypes.installed(client, trainingJobTypesMissing))) {
      LOG.log(System.Logger.Level.INFO, "found the custom resource definition " + TrainingJobTypes.crdName(type)
          + "; the pods of its jobs are gangs of the job's size from now on");
    }
  }

  /** Starts an informer on each type; returns those that listed their objects (the others are looked for again). */
  private List<ResourceDefinitionContext> informTrainingJobs(List<ResourceDefinitionContext> types) {
    var started = new ArrayList<ResourceDefinitionContext>();
    for (var type : types) {
      try {
        trainingJobs.add(add(client.genericKubernetesResources(type).inAnyNamespace().inform(handler(onChange), 0)));
        started.add(type);
      } catch (KubernetesClientException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot list " + TrainingJobTypes.crdName(type) + " yet (" + e.getMessage()
            + "); looking again in " + TRAINING_JOB_CRD_RECHECK.toSeconds() + " s");
      }
    }
    trainingJobTypesMissing.removeAll(started);
    return started;
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
