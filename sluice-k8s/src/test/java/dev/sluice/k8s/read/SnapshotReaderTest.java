package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.queue.Dimension;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {
  private final SnapshotReader reader = new SnapshotReader(K8sConfig.defaults());
  private final List<Node> nodes = new ArrayList<>(List.of(TestPods.node("n1", "64", "256Gi", 8, "H100", 81_559)));
  private final List<Pod> pods = new ArrayList<>();
  private final List<QueueResource> queues = new ArrayList<>(List.of(queue("default", null), queue("team", null)));
  private final List<Namespace> namespaces = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass> priorityClasses = new ArrayList<>();

  private static QueueResource queue(String name, String parent) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    q.setSpec(new QueueResource.Spec(parent, null, Map.of("gpu", new QueueResource.Terms(new Quantity("4"), null, null, null)), null));
    return q;
  }

  private ClusterRead read(Map<String, AssumedBind> assumed) {
    var objects = new ClusterObjects(nodes, pods, queues, List.of(), namespaces, priorityClasses, jobs);
    return reader.read(objects, assumed, UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
  }

  private ClusterRead read() {
    return read(Map.of());
  }

  private static Pod bound(PodBuilder pod, String node) {
    return pod.editSpec().withNodeName(node).endSpec().editStatus().withPhase("Running").endStatus().build();
  }

  @Test
  void podsOfOtherSchedulersAndTerminatingPodsHoldTheirGpusButAreNoOnesWorkload() {
    pods.add(bound(TestPods.pod("ns", "foreign", "1", "1Gi", 3).editSpec().withSchedulerName("default-scheduler").endSpec(), "n1"));
    pods.add(bound(TestPods.pod("ns", "leaving", "1", "1Gi", 2).editMetadata().withDeletionTimestamp("2026-12-01T10:01:00Z").endMetadata(), "n1"));
    pods.add(bound(TestPods.pod("ns", "done", "1", "1Gi", 8).editSpec().withSchedulerName("default-scheduler").endSpec(), "n1")
        .edit().editStatus().withPhase("Succeeded").endStatus().build());
    var read = read();
    assertThat(read.snapshot().running()).isEmpty();
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isEqualTo(3);
  }

  @Test
  void aFractionIsPlacedOnTheGpuItsAnnotationNamesAndAWholeGpuPodOnAnotherOne() {
    pods.add(bound(new PodBuilder(TestPods.fraction("ns", "nb", "sluice.dev/gpu-fraction", "0.5")).editMetadata()
        .addToAnnotations("sluice.dev/gpu-index", "0").endMetadata(), "n1"));
    pods.add(bound(TestPods.pod("ns", "whole", "1", "1Gi", 1), "n1"));
    var read = read();
    var state = read.snapshot().cluster().states().getFirst();
    assertThat(state.freeGpuMilli(0)).isEqualTo(500);
    assertThat(state.freeGpuMilli(1)).isZero();
    assertThat(read.sharedGpus()).containsExactly("n1/0");
    assertThat(read.snapshot().running()).hasSize(2);
  }

  @Test
  void aBindSentButNotYetSeenCountsAsRunning() {
    pods.add(TestPods.pod("ns", "p", "1", "1Gi", 8).build());
    var read = read(Map.of("ns/p", new AssumedBind("n1", -1, 900)));
    assertThat(read.snapshot().pending()).isEmpty();
    assertThat(read.snapshot().running()).singleElement().satisfies(r -> assertThat(r.startTime()).isEqualTo(900));
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isZero();
  }

  @Test
  void podsOfABatchJobAreOneGangOfItsParallelismAndTheQueueComesFromTheNamespace() {
    namespaces.add(new NamespaceBuilder().withNewMetadata().withName("ns").withLabels(Map.of("sluice.dev/queue", "team")).endMetadata().build());
    jobs.add(new JobBuilder().withNewMetadata().withName("train").withNamespace("ns").endMetadata().withNewSpec().withParallelism(3)
        .withCompletions(3).endSpec().build());
    for (int i = 0; i < 3; i++) {
      pods.add(TestPods.pod("ns", "train-" + i, "1", "1Gi", 1).editMetadata().addToOwnerReferences(new OwnerReferenceBuilder()
          .withApiVersion("batch/v1").withKind("Job").withName("train").withController(true).withUid("u").build()).endMetadata().build());
    }
    var workload = read().snapshot().pending().getFirst();
    assertThat(workload.id()).isEqualTo("ns/job/train");
    assertThat(workload.minMembers()).isEqualTo(3);
    assertThat(workload.queue()).isEqualTo("team");
  }

  @Test
  void podsOfAPyTorchJobAndOfAJobSetAreGangsOfTheSizeTheirControllersDefine() {
    var pytorch = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("kubeflow.org/v1").withKind("PyTorchJob")
        .withNewMetadata().withName("bert").withNamespace("ns").endMetadata()
        .addToAdditionalProperties("spec", Map.of("pytorchReplicaSpecs", Map.of("Master", Map.of("replicas", 1), "Worker", Map.of("replicas", 3))))
        .build();
    var jobSet = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("jobset.x-k8s.io/v1alpha2").withKind("JobSet")
        .withNewMetadata().withName("llm").withNamespace("ns").endMetadata()
        .addToAdditionalProperties("spec", Map.of("replicatedJobs", List.of(Map.of("name", "workers", "replicas", 2,
            "template", Map.of("spec", Map.of("parallelism", 2))))))
        .build();
    for (int i = 0; i < 4; i++) {
      pods.add(TestPods.pod("ns", "bert-" + i, "1", "1Gi", 1).editMetadata().addToOwnerReferences(new OwnerReferenceBuilder()
          .withApiVersion("kubeflow.org/v1").withKind("PyTorchJob").withName("bert").withController(true).withUid("b").build()).endMetadata().build());
      pods.add(TestPods.pod("ns", "llm-" + i, "1", "1Gi", 1).editMetadata().addToLabels("jobset.sigs.k8s.io/jobset-name", "llm")
          .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName("llm-workers-" + i / 2)
              .withController(true).withUid("j").build()).endMetadata().build());
    }
    var objects = new ClusterObjects(nodes, pods, queues, List.of(), namespaces, priorityClasses, jobs, List.of(pytorch, jobSet));
    var pending = reader.read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000).snapshot().pending();
    assertThat(pending).extracting(w -> w.id() + " min " + w.minMembers() + " of " + w.pods().size())
        .containsExactlyInAnyOrder("ns/pytorchjob/bert min 4 of 4", "ns/jobset/llm min 4 of 4");
  }

  @Test
  void priorityBelowTheSluiceDefaultClassIsPreemptibleUnlessThePodSaysOtherwise() {
    priorityClasses.add(new PriorityClassBuilder().withNewMetadata().withName("sluice-default").endMetadata().withValue(1000).build());
    pods.add(TestPods.pod("ns", "low", "1", "1Gi", 1).editSpec().withPriority(500).endSpec().build());
    pods.add(TestPods.pod("ns", "kept", "1", "1Gi", 1).editSpec().withPriority(500).endSpec().editMetadata()
        .addToAnnotations("sluice.dev/preemptible", "false").endMetadata().build());
    pods.add(TestPods.pod("ns", "high", "1", "1Gi", 1).editSpec().withPriority(1000).endSpec().build());
    var byId = read().snapshot().pending().stream().collect(java.util.stream.Collectors.toMap(w -> w.id(), w -> w.preemptible()));
    assertThat(byId).containsExactlyInAnyOrderEntriesOf(Map.of("ns/pod/low", true, "ns/pod/kept", false, "ns/pod/high", false));
  }

  /** A PodGroup {@code g} of {@code minMember} 3 and its pods {@code w-0..2}, the first two bound to n1 (uids {@code u-0, u-1}). */
  private ClusterObjects gangOfThreeTwoBound() {
    for (int i = 0; i < 3; i++) {
      var pod = TestPods.pod("ns", "w-" + i, "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g")
          .withUid("u-" + i).endMetadata();
      pods.add(i < 2 ? bound(pod, "n1") : pod.build());
    }
    var group = new dev.sluice.k8s.resource.PodGroupResource();
    group.getMetadata().setName("g");
    group.getMetadata().setNamespace("ns");
    group.setSpec(new dev.sluice.k8s.resource.PodGroupResource.Spec(null, 3, null, null));
    return new ClusterObjects(nodes, pods, queues, List.of(group), namespaces, priorityClasses, jobs);
  }

  @Test
  void podsSluiceTookBackHoldTheirGpusButAreNoLongerPartOfTheirGang() {
    var remembered = new Remembered(Map.of(), java.util.Set.of("u-0", "u-1"), Map.of());
    var read = reader.read(gangOfThreeTwoBound(), remembered, UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
    assertThat(read.snapshot().running()).as("not a running gang").isEmpty();
    assertThat(read.snapshot().pending()).as("nor one that waits for more").isEmpty();
    assertThat(read.held()).singleElement().satisfies(g -> assertThat(g.hold().code()).isEqualTo("gang-incomplete"));
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isEqualTo(6);
  }

  @Test
  void aGangTheSchedulerHoldsBackWaitsWithItsReasonAndNoneOfItsPodsWaitsAsMore() {
    var remembered = new Remembered(Map.of(), java.util.Set.of(), Map.of("ns/podgroup/g", new Gang.Hold("bind-failed", "tried again in 10 s")));
    var read = reader.read(gangOfThreeTwoBound(), remembered, UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
    assertThat(read.snapshot().pending()).isEmpty();
    assertThat(read.held()).singleElement().satisfies(g -> assertThat(g.hold().code()).isEqualTo("bind-failed"));
  }

  @Test
  void theRestOfAGangThatRunsWaitsAsAWorkloadOfItsOwn() {
    var read = reader.read(gangOfThreeTwoBound(), Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
    assertThat(read.snapshot().running()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("ns/podgroup/g");
      assertThat(r.bindings()).hasSize(2);
    });
    assertThat(read.snapshot().pending()).singleElement().satisfies(w -> {
      assertThat(w.id()).isEqualTo("ns/podgroup/g#more");
      assertThat(w.minMembers()).isEqualTo(1);
    });
  }

  private static PodBuilder inQueue(String name, String queue, int gpus) {
    return TestPods.pod("ns", name, "1", "1Gi", gpus).editMetadata().addToLabels("sluice.dev/queue", queue).endMetadata();
  }

  @Test
  void podsRunningInAQueueThatGainedASubQueueRunInItsOwnJobsLeafAndItsNewPodsWaitForALeaf() {
    pods.add(bound(inQueue("running", "team", 2), "n1"));
    pods.add(inQueue("new", "team", 1).build());
    queues.add(queue("team-sub", "team"));

    var read = read();

    assertThat(read.snapshot().running()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("ns/pod/running");
      assertThat(r.workload().queue()).isEqualTo("team/own");
    });
    assertThat(read.snapshot().queues().children("team")).containsExactlyInAnyOrder("team-sub", "team/own");
    assertThat(read.snapshot().queues().queue("team/own").orElseThrow().quota(Dimension.GPU).deserved())
        .as("team deserves 4 GPUs, all promised to team-sub").isZero();
    assertThat(read.snapshot().pending()).isEmpty();
    assertThat(read.held()).as("the running pod is not held").singleElement().satisfies(g -> {
      assertThat(g.id()).isEqualTo("ns/pod/new");
      assertThat(g.hold().code()).isEqualTo("unknown-queue");
      assertThat(g.hold().message()).contains("team has sub-queues");
    });
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isEqualTo(6);
  }

  @Test
  void theOwnJobsLeafTakesNoPodsOfItsOwnAndGoesWithTheLastRunningPod() {
    queues.add(queue("team-sub", "team"));
    pods.add(bound(inQueue("running", "team", 1), "n1"));
    var group = new dev.sluice.k8s.resource.PodGroupResource();
    group.getMetadata().setName("sneaky");
    group.getMetadata().setNamespace("ns");
    group.setSpec(new dev.sluice.k8s.resource.PodGroupResource.Spec("team/own", 1, null, null));
    pods.add(TestPods.pod("ns", "s", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "sneaky").endMetadata().build());
    var objects = new ClusterObjects(nodes, pods, queues, List.of(group), namespaces, priorityClasses, jobs);

    var read = reader.read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
    assertThat(read.snapshot().pending()).isEmpty();
    assertThat(read.held()).singleElement().satisfies(g -> assertThat(g.hold().message()).contains("team/own does not exist"));

    pods.removeIf(pod -> pod.getMetadata().getName().equals("running"));
    assertThat(read().snapshot().queues().queue("team/own")).isEmpty();
  }

  @Test
  void aPodRunningInAQueueThatDoesNotExistHoldsItsGpusAndIsHeldAsBefore() {
    pods.add(bound(inQueue("orphan", "gone", 3), "n1"));

    var read = read();

    assertThat(read.snapshot().running()).isEmpty();
    assertThat(read.snapshot().queues().names()).containsExactlyInAnyOrder("default", "team");
    assertThat(read.held()).singleElement().satisfies(g -> {
      assertThat(g.hold().code()).isEqualTo("unknown-queue");
      assertThat(g.hold().message()).startsWith("queue gone does not exist");
    });
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isEqualTo(5);
  }

  @Test
  void unknownQueuesAndInvalidQueueTermsHoldPodsWithTheProblemNamed() {
    pods.add(TestPods.pod("ns", "p", "1", "1Gi", 1).editMetadata().addToLabels("sluice.dev/queue", "nope").endMetadata().build());
    assertThat(read().held()).singleElement().satisfies(g -> assertThat(g.hold().code()).isEqualTo("unknown-queue"));

    var bad = queue("broken", null);
    bad.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("4"), new Quantity("2"), null, null)),
        null));
    queues.add(bad);
    var read = read();
    assertThat(read.queueProblem()).contains("broken").contains("limit");
    assertThat(read.held()).singleElement().satisfies(g -> assertThat(g.hold().code()).isEqualTo("invalid-queues"));
  }
}
