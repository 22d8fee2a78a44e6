package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code sluice k8s scheduler} process: its checks, what it prints, and leader election on a Lease. */
class SchedulerProcessIT {
  private final StringWriter printed = new StringWriter();

  private SchedulerProcess process(StoryCluster cluster, SchedulerMetrics metrics) {
    return new SchedulerProcess(cluster.client, K8sConfig.defaults(), metrics, new PrintWriter(printed, true), () -> { });
  }

  @Test
  void missingCrdsAreOneLineNamingTheFileToApply() {
    try (var cluster = StoryCluster.startBare(); var metrics = new SchedulerMetrics()) {
      assertThatThrownBy(() -> process(cluster, metrics).check())
          .isInstanceOf(KubernetesSetupException.class)
          .hasMessage("the custom resource definition queues.sluice.dev is not installed; apply it with: kubectl apply -f deploy/kubernetes/crds.yaml");
    }
  }

  @Test
  void itPrintsWhatItWatchesAndTheFirstCycleThenBindsAndCountsInMetrics() throws Exception {
    try (var cluster = StoryCluster.start(); var metrics = new SchedulerMetrics()) {
      cluster.namespace("ml", Map.of("sluice.dev/queue", "ml"));
      cluster.queue("ml", null, "2", null);
      cluster.node("n1", "32", "128Gi", 2, "A100", 40_960);
      try (var process = process(cluster, metrics)) {
        process.check();
        process.run(Optional.empty());
        cluster.pod("ml", "job", 2, Map.of(), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> "n1".equals(cluster.get("ml", "job").getSpec().getNodeName()));
      }
      assertThat(printed.toString())
          .contains("scheduling pods with schedulerName sluice; watching nodes, pods, queues.sluice.dev")
          .containsPattern("sluice: cycle: 1 nodes, \\d+ pods bound");
      assertThat(metrics.scrape()).contains("sluice_k8s_pods_bound_total 1.0");
    }
  }

  @Test
  void aStandbyTakesOverTheLeaseWhenTheLeaderStopsAndSchedulesFromWhatIsBound() throws Exception {
    try (var cluster = StoryCluster.start(); var metrics = new SchedulerMetrics()) {
      cluster.queue("default", null, "2", null);
      cluster.node("n1", "32", "128Gi", 2, "A100", 40_960);
      var lease = Duration.ofSeconds(2);
      var first = process(cluster, metrics);
      var second = process(cluster, metrics);
      first.run(Optional.of(new Leadership("sluice-system", "sluice-scheduler", "first", lease)));
      await().atMost(Duration.ofSeconds(10)).until(first::leading);
      second.run(Optional.of(new Leadership("sluice-system", "sluice-scheduler", "second", lease)));
      cluster.pod("team", "one", 1, Map.of(), Map.of());
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get("team", "one").getSpec().getNodeName() != null);
      assertThat(second.leading()).isFalse();

      first.close();
      await().atMost(Duration.ofSeconds(15)).until(second::leading);
      cluster.pod("team", "two", 1, Map.of(), Map.of());
      cluster.pod("team", "three", 1, Map.of(), Map.of());
      await().atMost(Duration.ofSeconds(10)).until(() -> bound(cluster, "two") || bound(cluster, "three"));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> bound(cluster, "two") != bound(cluster, "three"));
      second.close();
    }
  }

  private static boolean bound(StoryCluster cluster, String pod) {
    return cluster.get("team", pod).getSpec().getNodeName() != null;
  }
}
