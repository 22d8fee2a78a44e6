package dev.sluice.core.scheduler;

import static dev.sluice.core.model.FabricNodes.GBPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.FabricNodes;
import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stories of jobs that ask the fabric for RDMA bandwidth and density caps, through the scheduler cycle. */
class FabricSchedulingTest {
  private static int gpuOf(Scenario story, String id) {
    return story.running(id).orElseThrow().bindings().getFirst().gpus().getFirst();
  }

  @Test
  void anRdmaJobOfAQueueWithAPerModelQuotaTakesAGpuUnderANicThatStillHasRoom() {
    // The queue may not use A100s: its pods are narrowed to H100 before placement, and keep their RDMA ask.
    var vision = new QueueSpec("vision", null, 0, Map.of(Dimension.gpu("H100"), new Quota(8000, 8000, 1, Quota.UNLIMITED),
        Dimension.gpu("A100"), new Quota(0, 0, 1, Quota.UNLIMITED)));
    var story = Scenario.cluster().node(FabricNodes.eightGpusFourNics()).nodes(1, "A100", 8).queue(vision);
    story.job("a").in("vision").pods(1, 1).fabric(FabricRequest.nic(150 * GBPS, true)).submit().cycle();
    story.job("b").in("vision").pods(1, 1).fabric(FabricRequest.nic(100 * GBPS, true)).submit().cycle();

    assertThat(gpuOf(story, "a")).isZero();
    assertThat(gpuOf(story, "b")).as("GPU 1's NIC has 50 Gbit/s left: GPU 2, under the next NIC").isEqualTo(2);
  }

  @Test
  void anAppCappedAtOneInstancePerNodeLeavesTheThirdInstanceWaitingWithTheReason() {
    var story = Scenario.cluster().node(FabricNodes.eightGpusFourNics("n1")).node(FabricNodes.eightGpusFourNics("n2"))
        .queue("team", 16);
    for (var id : new String[] {"i1", "i2", "i3"}) {
      story.job(id).in("team").pods(1, 1).fabric(FabricRequest.NONE.withDensityCap("ranker", 1)).submit();
    }
    story.cycle();

    assertThat(story.isRunning("i1")).isTrue();
    assertThat(story.isRunning("i2")).isTrue();
    assertThat(story.running("i1").orElseThrow().bindings().getFirst().node())
        .isNotEqualTo(story.running("i2").orElseThrow().bindings().getFirst().node());
    assertThat(story.pendingDecision("i3").reason().message()).contains("2 app at its per-node instance limit");
  }
}
