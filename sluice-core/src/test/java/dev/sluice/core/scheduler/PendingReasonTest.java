package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Fit;
import dev.sluice.core.placement.UnschedulableReason;
import dev.sluice.core.queue.Dimension;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codes are the REST API's (docs/api.md); the messages say the numbers a person needs. */
class PendingReasonTest {
  private static final UnschedulableReason TWO_SHORT = new UnschedulableReason(3, Map.of(Fit.INSUFFICIENT_GPU, 2, Fit.GPU_MODEL_NOT_ALLOWED, 1));

  @Test
  void everyReasonHasItsApiCode() {
    assertThat(new PendingReason.NoNodeFits(TWO_SHORT).code()).isEqualTo("no-node-fits");
    assertThat(new PendingReason.OverQuota("a", Dimension.GPU, 1000, 4000, 4000).code()).isEqualTo("over-quota");
    assertThat(new PendingReason.OverLimit("a", Dimension.GPU, 1000, 4000, 4000).code()).isEqualTo("over-limit");
    assertThat(new PendingReason.BeyondFairShare("a", Dimension.GPU, 1000, 4000, 4500).code()).isEqualTo("fair-share");
    assertThat(new PendingReason.GangIncomplete(4, 3, TWO_SHORT).code()).isEqualTo("gang-incomplete");
    assertThat(new PendingReason.BehindReservation("big", 60_000, 2).code()).isEqualTo("behind-reservation");
  }

  @Test
  void messagesCarryTheConstraintCountsAndTheQuotaNumbers() {
    assertThat(new PendingReason.NoNodeFits(TWO_SHORT).message())
        .isEqualTo("0/3 nodes fit: 1 GPU model not allowed, 2 insufficient free GPU");
    assertThat(new PendingReason.OverLimit("vision", Dimension.gpu("H100"), 1000, 2000, 2000).message())
        .isEqualTo("queue vision: gpu/H100 2000 allocated + 1000 requested exceeds limit 2000");
    assertThat(new PendingReason.GangIncomplete(4, 3, TWO_SHORT).message()).startsWith("gang needs 4 pods at once, only 3 fit");
    assertThat(new PendingReason.BehindReservation("big", 60_000, 2).message()).contains("2 nodes").contains("big").contains("60000");
  }

  @Test
  void aClusterWithoutNodesSaysSoRatherThanFailing() {
    assertThat(new PendingReason.NoNodeFits(new UnschedulableReason(0, Map.of())).message())
        .isEqualTo("0/0 nodes fit: the cluster has no node that takes pods");
  }
}
