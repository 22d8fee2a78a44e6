package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pod whose bind answer was lost (the next try hears 409) is on the node the bind named: it holds that node, as a pod
 * bound at the first try does, until the informer shows spec.nodeName; else the next cycle would read it as waiting
 * and its 8 GPUs as free.
 */
class LostBindAnswerIT {
  private static final String NS = "team-a";
  private StoryCluster cluster;

  @BeforeEach
  void start() {
    cluster = StoryCluster.startWith(NS);
  }

  @AfterEach
  void stop() {
    if (cluster != null) cluster.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPodBoundOnASecondTryHoldsItsNodeUntilTheInformerShowsIt(boolean answerLost) throws Exception {
    Assumptions.assumeTrue(cluster.isMock(), "needs the mock server's switch that loses bind answers");
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    var before = cluster.pod(NS, "solo", 8, Map.of(), Map.of());
    if (answerLost) cluster.dispatcher.lostBindAnswers.add(NS + "/solo");
    var loop = cluster.loop(InstantSource.system());

    var summary = loop.cycle();

    assertThat(cluster.nodeOf(NS, "solo")).as("bound in the API server").isEqualTo("n1");
    var commit = (CycleCommit) loop.sink();
    // What the next cycle's reader gets while the informer still shows the pod as it was before the bind:
    assertThat(commit.remembered(List.of(before), Instant.now()).assumed())
        .as("summary %s: the pod holds n1 until the informer shows it", summary).containsKey(NS + "/solo");
  }
}
