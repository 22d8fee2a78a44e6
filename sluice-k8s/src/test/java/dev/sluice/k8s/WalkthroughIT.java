package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The walk-through of docs/kubernetes.md on the mock API server: the scheduler starts, a fractional notebook
 * shares a GPU, a gang waits with its reason. Writes what a user would read to {@code target/walkthrough.txt}.
 */
class WalkthroughIT {
  @Test
  void aFractionalNotebookAndAWaitingGang() throws Exception {
    var printed = new StringWriter();
    var story = new StringBuilder();
    try (var cluster = StoryCluster.start(); var metrics = new SchedulerMetrics();
         var process = new SchedulerProcess(cluster.client, K8sConfig.defaults(), metrics, new PrintWriter(printed, true), () -> { })) {
      cluster.namespace("vision", Map.of("sluice.dev/queue", "vision"));
      cluster.queue("research", null, "8", null);
      cluster.queue("vision", "research", "6", null);
      cluster.queue("nlp", "research", "2", null);
      cluster.node("gpu-node-1", "64", "512Gi", 8, "NVIDIA-H100-80GB-HBM3", 81_559);
      process.check();
      process.run(Optional.empty());
      cluster.pod("vision", "notebook", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.5"));
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get("vision", "notebook").getSpec().getNodeName() != null);
      cluster.podGroup("vision", "train-llm", "vision", 2);
      for (int i = 0; i < 2; i++) cluster.pod("vision", "train-llm-" + i, 8, Map.of(), Map.of("sluice.dev/pod-group", "train-llm"));
      await().atMost(Duration.ofSeconds(10)).until(() -> status(cluster) != null && status(cluster).conditions() != null);
      await().atMost(Duration.ofSeconds(10)).until(() -> queue(cluster, "vision") != null && queue(cluster, "vision").allocated() != null
          && !queue(cluster, "vision").allocated().get("gpu").toString().equals("0"));

      story.append("$ sluice k8s scheduler\n").append(printed).append('\n');
      var notebook = cluster.get("vision", "notebook");
      story.append("notebook: node ").append(notebook.getSpec().getNodeName()).append(", annotations ")
          .append(notebook.getMetadata().getAnnotations()).append('\n');
      for (var r : cluster.client.pods().inNamespace("sluice-system").list().getItems()) {
        story.append("reservation: ").append(r.getMetadata().getName()).append(" on ").append(r.getSpec().getNodeName()).append(", limits ")
            .append(r.getSpec().getContainers().getFirst().getResources().getLimits()).append('\n');
      }
      story.append("\npodgroup train-llm status:\n").append(Serialization.asYaml(status(cluster)));
      story.append("\npod train-llm-0 conditions:\n").append(Serialization.asYaml(cluster.get("vision", "train-llm-0").getStatus().getConditions()));
      story.append("\nqueue vision status:\n").append(Serialization.asYaml(queue(cluster, "vision")));
      story.append("\nevents in vision:\n");
      cluster.client.v1().events().inNamespace("vision").list().getItems()
          .forEach(e -> story.append(e.getType()).append("  ").append(e.getReason()).append("  ").append(e.getInvolvedObject().getName())
              .append("  ").append(e.getMessage()).append('\n'));
    }
    Files.writeString(Path.of("target", "walkthrough.txt"), story);
    assertThat(story).contains("reservation: sluice-gpu-gpu-node-1-0 on gpu-node-1").contains("phase: \"Pending\"").contains("queuePosition: 1")
        .contains("Successfully assigned vision/notebook to gpu-node-1");
  }

  private static PodGroupResource.Status status(StoryCluster cluster) {
    var g = cluster.client.resources(PodGroupResource.class).inNamespace("vision").withName("train-llm").get();
    return g == null ? null : g.getStatus();
  }

  private static QueueResource.Status queue(StoryCluster cluster, String name) {
    var q = cluster.client.resources(QueueResource.class).withName(name).get();
    return q == null ? null : q.getStatus();
  }
}
