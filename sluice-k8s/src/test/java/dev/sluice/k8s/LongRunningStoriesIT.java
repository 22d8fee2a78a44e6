package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stories of a scheduler that runs for months: it is restarted or hands its lease to another replica, and the
 * cluster changes under it (a training operator is installed). Like {@link SchedulingStoriesIT}, on fabric8's
 * mock API server or a real cluster when {@code SLUICE_E2E_KUBECONFIG} is set.
 */
class LongRunningStoriesIT {
  private static final String NS = "team-a";
  private static final String PYTORCH_CRD = "pytorchjobs.kubeflow.org";
  /** Moved by hand; it starts at the real time, since the API server stamps the pods' start with its own. */
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final InstantSource clock = now::get;
  private KubernetesLoop loop;
  private StoryCluster cluster;

  @BeforeEach
  void start() {
    cluster = StoryCluster.startWith(NS);
  }

  @AfterEach
  void stop() {
    if (cluster != null) cluster.close();
  }

  private void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Test
  void aQueueThatHeldTheClusterGetsLessOfTheSurplusFromTheNextSchedulerToo() throws InterruptedException {
    cluster.queue("a", null, null, null);
    cluster.queue("b", null, null, null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    loop = cluster.loop(clock);
    for (int i = 0; i < 8; i++) cluster.pod(NS, "a-" + i, 1, Map.of("sluice.dev/queue", "a"), Map.of());
    cluster.cycleUntil(() -> cluster.countBound(NS, "a-") == 8);
    advance(Duration.ofHours(1));
    loop.cycle();
    loop.close();

    for (int i = 0; i < 8; i++) cluster.client.pods().inNamespace(NS).withName("a-" + i).withGracePeriod(0).delete();
    for (int i = 0; i < 8; i++) {
      cluster.pod(NS, "later-a-" + i, 1, Map.of("sluice.dev/queue", "a"), Map.of());
      cluster.pod(NS, "later-b-" + i, 1, Map.of("sluice.dev/queue", "b"), Map.of());
    }
    advance(Duration.ofMinutes(10));
    loop = cluster.loop(clock);
    cluster.cycleUntil(() -> cluster.countBound(NS, "later-") == 8);

    assertThat(cluster.countBound(NS, "later-a-")).as("a fresh start would split the node 4 and 4").isLessThan(4);
    assertThat(cluster.countBound(NS, "later-b-")).isGreaterThan(4);
  }

  @Test
  void usageSomeoneWroteIntoAQueuesStatusIsIgnoredAndThenReplacedByWhatTheQueueUsed() throws InterruptedException {
    assumeTrue(cluster.isMock(), "a real API server refuses such a status: it does not match the CRD's schema");
    cluster.queue("a", null, null, null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.client.resources(QueueResource.class).withName("a").subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\": {\"usage\": {\"gpuSeconds\": \"lots\", \"computedAt\": 5}}}");
    loop = cluster.loop(clock);
    cluster.pod(NS, "a-0", 2, Map.of("sluice.dev/queue", "a"), Map.of());
    cluster.cycleUntil(() -> cluster.countBound(NS, "a-") == 1);

    advance(Duration.ofHours(1));
    cluster.cycleUntil(() -> usedGpuSeconds("a") != null);
    assertThat(usedGpuSeconds("a")).as("two GPUs for an hour, from when the API server says the pod started").isCloseTo(7200.0, withinPercentage(2));
  }

  private Double usedGpuSeconds(String queue) {
    var status = cluster.client.resources(QueueResource.class).withName(queue).get().getStatus();
    return status == null || status.usage() == null ? null : status.usage().gpuSeconds();
  }

  @Test
  void aNewLeaderEvictsAGangBelowItsMinimumWhenTheGraceTheFormerLeaderStartedEnds() throws InterruptedException {
    cluster.queue("research", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 4);
    loop = cluster.loop(clock);
    for (int i = 0; i < 4; i++) cluster.pod(NS, "llm-" + i, 2, Map.of(), Map.of("sluice.dev/pod-group", "llm"));
    cluster.cycleUntil(() -> cluster.countBound(NS, "llm-") == 4);
    cluster.client.pods().inNamespace(NS).withName("llm-3").withGracePeriod(0).delete();
    cluster.cycleUntil(() -> conditionTypes("llm").contains("BelowMinimum"));
    advance(Duration.ofSeconds(40));
    loop.cycle();
    loop.close();

    advance(Duration.ofSeconds(20));
    loop = cluster.loop(clock);
    // The clock stands still from here: a new leader that started the grace afresh would never evict.
    cluster.cycleUntil(() -> cluster.countBound(NS, "llm-") == 0);
    if (cluster.isMock()) assertThat(cluster.dispatcher.evicted).containsExactlyInAnyOrder(NS + "/llm-0", NS + "/llm-1", NS + "/llm-2");
  }

  private List<String> conditionTypes(String podGroup) {
    var group = cluster.client.resources(dev.sluice.k8s.resource.PodGroupResource.class).inNamespace(NS).withName(podGroup).get();
    if (group == null || group.getStatus() == null || group.getStatus().conditions() == null) return List.of();
    return group.getStatus().conditions().stream().map(c -> c.getType()).toList();
  }

  @Test
  void podsOfAPyTorchJobWhoseCrdCameAfterTheSchedulerStartedAreAGangOfTheJobsSize() {
    var crds = cluster.client.apiextensions().v1().customResourceDefinitions();
    assumeTrue(crds.withName(PYTORCH_CRD).get() == null, "the cluster has the PyTorchJob CRD already");
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    loop = cluster.loop(clock);
    cluster.cycleUntil(() -> true);
    try {
      crds.resource(pyTorchJobCrd()).create();
      if (!cluster.isMock()) await().atMost(Duration.ofSeconds(10)).until(() -> established(crds.withName(PYTORCH_CRD).get()));
      advance(ClusterCache.TRAINING_JOB_CRD_RECHECK);
      var job = pyTorchJob("bert", 1, 3);
      for (int i = 0; i < 3; i++) pyTorchPod(job, "bert-" + i);
      cluster.cycleUntil(() -> cluster.scheduledMessage(NS, "bert-0").contains("[gang-incomplete]"));
      assertThat(cluster.countBound(NS, "bert-")).as("three of the job's four pods are not a gang").isZero();

      pyTorchPod(job, "bert-3");
      cluster.cycleUntil(() -> cluster.countBound(NS, "bert-") == 4);
    } finally {
      crds.withName(PYTORCH_CRD).delete();
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static CustomResourceDefinition pyTorchJobCrd() {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(PYTORCH_CRD).endMetadata()
        .withNewSpec().withGroup("kubeflow.org").withScope("Namespaced")
        .withNewNames().withKind("PyTorchJob").withListKind("PyTorchJobList").withPlural("pytorchjobs").withSingular("pytorchjob").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build();
  }

  private GenericKubernetesResource pyTorchJob(String name, int masters, int workers) {
    var job = new GenericKubernetesResourceBuilder().withApiVersion("kubeflow.org/v1").withKind("PyTorchJob")
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .addToAdditionalProperties("spec", Map.of("pytorchReplicaSpecs", Map.of("Master", Map.of("replicas", masters),
            "Worker", Map.of("replicas", workers))))
        .build();
    return cluster.client.genericKubernetesResources(TrainingJobTypes.KNOWN.getFirst()).inNamespace(NS).resource(job).create();
  }

  private void pyTorchPod(GenericKubernetesResource job, String name) {
    var owner = new OwnerReferenceBuilder().withApiVersion("kubeflow.org/v1").withKind("PyTorchJob").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).build();
    cluster.pod(NS, name, 2, Map.of(), Map.of(), List.of(owner));
  }
}
