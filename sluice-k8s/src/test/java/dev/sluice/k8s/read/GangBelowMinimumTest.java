package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which gangs the reader finds running below their minimum: what counts as a running pod and what does not. */
class GangBelowMinimumTest {
  private final SnapshotReader reader = new SnapshotReader(K8sConfig.defaults());
  private final List<Node> nodes = new ArrayList<>(List.of(TestPods.node("n1", "64", "256Gi", 8, "H100", 81_559)));
  private final List<Pod> pods = new ArrayList<>();
  private final List<Job> jobs = new ArrayList<>(List.of(new JobBuilder().withNewMetadata().withName("train").withNamespace("ns").endMetadata()
      .withNewSpec().withParallelism(4).withCompletions(4).endSpec().build()));

  private List<GangBelowMinimum> below(Map<String, AssumedBind> assumed, java.util.Set<String> leaving) {
    var queue = new QueueResource();
    queue.getMetadata().setName("default");
    queue.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("8"), null, null, null)), null));
    var objects = new ClusterObjects(nodes, pods, List.of(queue), List.of(), List.of(), List.of(), jobs);
    return reader.read(objects, new Remembered(assumed, leaving, Map.of()), UsageHistory.empty(0, Duration.ofHours(1)), 1_000).belowMinimum();
  }

  private List<GangBelowMinimum> below() {
    return below(Map.of(), java.util.Set.of());
  }

  /** A pod of the Job {@code train} (a gang of 4), uid {@code u-INDEX}. */
  private static PodBuilder worker(int index) {
    return TestPods.pod("ns", "train-" + index, "1", "1Gi", 1).editMetadata().withUid("u-" + index)
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName("train")
            .withController(true).withUid("job").build()).endMetadata();
  }

  private static Pod running(int index, String node) {
    return worker(index).editSpec().withNodeName(node).endSpec().editStatus().withPhase("Running").endStatus().build();
  }

  @Test
  void aGangWithAllItsMinimumRunningIsNotBelowIt() {
    for (int i = 0; i < 4; i++) pods.add(running(i, "n1"));
    assertThat(below()).isEmpty();
  }

  @Test
  void aGangThatLostAPodRunsBelowItsMinimumWithThePodsItHasLeft() {
    for (int i = 0; i < 3; i++) pods.add(running(i, "n1"));
    var below = below();
    assertThat(below).singleElement().satisfies(g -> {
      assertThat(g.gang().id()).isEqualTo("ns/job/train");
      assertThat(g.running()).extracting(p -> p.getMetadata().getName()).containsExactly("train-0", "train-1", "train-2");
      assertThat(g.howMany()).isEqualTo("3 of 4 running");
    });
  }

  @Test
  void aFailedPodATerminatingPodAndAPodSluiceEvictedDoNotRun() {
    pods.add(running(0, "n1"));
    pods.add(running(1, "n1"));
    pods.add(worker(2).editSpec().withNodeName("n1").endSpec().editStatus().withPhase("Failed").endStatus().build());
    pods.add(running(3, "n1").edit().editMetadata().withDeletionTimestamp("2026-12-01T10:05:00Z").endMetadata().build());
    pods.add(running(4, "n1"));
    assertThat(below(Map.of(), java.util.Set.of("u-4"))).singleElement().extracting(GangBelowMinimum::howMany).isEqualTo("2 of 4 running");
  }

  @Test
  void aPodOnANodeThatNoLongerExistsDoesNotRunButOneOnACordonedNodeDoes() {
    nodes.add(TestPods.node("cordoned", "64", "256Gi", 8, "H100", 81_559).edit().editSpec().withUnschedulable(true).endSpec().build());
    pods.add(running(0, "n1"));
    pods.add(running(1, "cordoned"));
    pods.add(running(2, "n1"));
    pods.add(running(3, "gone"));
    assertThat(below()).singleElement().extracting(GangBelowMinimum::howMany).isEqualTo("3 of 4 running");
  }

  @Test
  void completedPodsCountTowardsTheMinimumSoAGangWhoseWorkersFinishIsNotBelowIt() {
    pods.add(running(0, "n1"));
    pods.add(running(1, "n1"));
    for (int i = 2; i < 4; i++) pods.add(worker(i).editSpec().withNodeName("n1").endSpec().editStatus().withPhase("Succeeded").endStatus().build());
    assertThat(below()).isEmpty();

    pods.removeFirst();
    assertThat(below()).singleElement().extracting(GangBelowMinimum::howMany).isEqualTo("1 running and 2 completed of 4");
  }

  @Test
  void aBindSluiceSentCountsAsRunningAndAGangWithNothingRunningIsNotBelowItsMinimum() {
    for (int i = 0; i < 3; i++) pods.add(running(i, "n1"));
    pods.add(worker(3).build());
    assertThat(below(Map.of("ns/train-3", new AssumedBind("n1", -1, 1_000)), java.util.Set.of())).isEmpty();

    pods.clear();
    for (int i = 0; i < 4; i++) pods.add(worker(i).build());
    assertThat(below()).as("waiting to be bound whole, not below its minimum").isEmpty();
  }
}
