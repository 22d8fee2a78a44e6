package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementTest {
  private static final PodRequest TWO_GPUS = new PodRequest("p", 4_000, 1024, 2, 1000, Set.of());

  private final List<Node> nodes = List.of(Node.uniform("n0", 32_000, 65_536, 4, "H100"));
  private final ClusterState cluster = new ClusterState(ClusterSnapshot.empty(nodes), TieOrder.identity(1));
  private final QueueTree queues = tree();
  private final Dimensions dimensions = Dimensions.of(queues);
  private final Ledger ledger = new Ledger(queues, dimensions,
      new FairShares(Map.of("team", Map.of(Dimension.GPU, 4000L, Dimension.gpu("H100"), 4000L, Dimension.CPU, 32_000L,
          Dimension.MEMORY, 65_536L))), Map.of());
  private final Statement statement = new Statement(cluster, ledger, dimensions);

  private static QueueTree tree() {
    try {
      return QueueTree.of(List.of(new QueueSpec("team", null, 0, Map.of(Dimension.GPU, Quota.deserved(2000)))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void rollbackUndoesAssignmentsAndReleasesSinceTheCheckpointNewestFirst() {
    statement.assign("team", new Slot(TWO_GPUS, 0, new int[] {0, 1}));
    int mark = statement.checkpoint();
    statement.release("team", new Slot(TWO_GPUS, 0, new int[] {0, 1}));
    statement.assign("team", new Slot(TWO_GPUS, 0, new int[] {2, 3}));
    assertThat(cluster.state(0).freeGpuMilli()).containsExactly(1000, 1000, 0, 0);

    statement.rollback(mark);

    assertThat(cluster.state(0).freeGpuMilli()).containsExactly(0, 0, 1000, 1000);
    assertThat(cluster.state(0).freeCpuMilli()).isEqualTo(28_000);
    assertThat(ledger.share("team")).isEqualTo(0.5);
  }

  @Test
  void committedChangesStayWhenALaterCheckpointRollsBack() {
    statement.assign("team", new Slot(TWO_GPUS, 0, new int[] {0, 1}));
    statement.commit();
    int mark = statement.checkpoint();
    statement.assign("team", new Slot(TWO_GPUS, 0, new int[] {2, 3}));

    statement.rollback(mark);

    assertThat(cluster.state(0).freeGpuMilli()).containsExactly(0, 0, 1000, 1000);
    assertThat(mark).isZero();
  }

  @Test
  void theLedgerAdmitsToTheNearestFairShareAndNamesTheDimensionWhenItRefuses() {
    // deserved 2000, fair share 4000: beyond deserved the queue borrows up to its fair share
    var oneGpu = dimensions.requested(new PodRequest("q", 1_000, 1024, 1, 1000, Set.of()));
    statement.assign("team", new Slot(TWO_GPUS, 0, new int[] {0, 1}));
    statement.assign("team", new Slot(new PodRequest("r", 1_000, 1024, 1, 600, Set.of()), 0, new int[] {2}));

    assertThat(ledger.admit("team", oneGpu)).as("2600 + 1000 is nearer 4000 than 2600 is").isEmpty();
    statement.assign("team", new Slot(new PodRequest("s", 1_000, 1024, 1, 1000, Set.of()), 0, new int[] {3}));
    assertThat(ledger.admit("team", oneGpu)).hasValueSatisfying(reason -> {
      assertThat(reason.code()).isEqualTo("fair-share");
      assertThat(reason.message()).contains("gpu").contains("fair share 4000");
    });
  }

  @Test
  void releasingWhatWasNeverAssignedIsABug() {
    assertThatThrownBy(() -> statement.release("team", new Slot(TWO_GPUS, 0, new int[] {0, 1})))
        .isInstanceOf(IllegalStateException.class);
  }
}
