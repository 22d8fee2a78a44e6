package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterStateReleaseTest {
  private static final PodRequest HALF = new PodRequest("half", 2_000, 1024, 1, 500, Set.of());
  private static final PodRequest TWO = new PodRequest("two", 4_000, 2048, 2, 1000, Set.of());
  private final Node node = Node.uniform("n0", 16_000, 65_536, 4, "H100");

  @Test
  void releasingEveryPodGivesBackTheEmptyStateSoEqualNodesGroupAgain() {
    var cluster = new ClusterState(List.of(node, Node.uniform("n1", 16_000, 65_536, 4, "H100")));
    cluster.assign(0, HALF.shape(), new int[] {0});
    cluster.assign(0, TWO.shape(), new int[] {1, 2});
    assertThat(cluster.distinctStates()).isEqualTo(2);

    cluster.release(0, TWO.shape(), new int[] {1, 2});
    assertThat(cluster.state(0).freeGpuMilli()).containsExactly(500, 1000, 1000, 1000);
    cluster.release(0, HALF.shape(), new int[] {0});

    assertThat(cluster.state(0)).isEqualTo(NodeState.empty(NodeType.of(node)));
    assertThat(cluster.distinctStates()).isEqualTo(1);
    assertThat(cluster.allocatedGpuMilli()).isZero();
  }

  @Test
  void aPlacerSeesReleasedRoomAndCountsTheFreeings() {
    var cluster = new ClusterState(List.of(node));
    var placer = new Placer(new PackingPolicy(), cluster);
    cluster.assign(0, TWO.shape(), new int[] {0, 1});
    cluster.assign(0, TWO.shape(), new int[] {2, 3});
    assertThat(placer.decide(TWO)).isInstanceOf(Decision.Unschedulable.class);
    long before = cluster.freeings();

    cluster.release(0, TWO.shape(), new int[] {2, 3});

    assertThat(cluster.freeings()).isGreaterThan(before);
    assertThat(placer.decide(TWO)).isInstanceOfSatisfying(Decision.Placed.class, p -> assertThat(p.gpus()).containsExactly(2, 3));
  }

  @Test
  void anExhaustedNodeFitsNothingAndReplaceRestoresIt() {
    var cluster = new ClusterState(List.of(node));
    var saved = cluster.state(0);
    cluster.replace(0, saved.exhausted());
    assertThat(new Placer(new PackingPolicy(), cluster).decide(HALF)).isInstanceOf(Decision.Unschedulable.class);

    cluster.replace(0, saved);

    assertThat(cluster.state(0)).isEqualTo(saved);
    assertThat(cluster.allocatedGpuMilli()).isZero();
  }

  @Test
  void releasingMoreThanWasTakenIsABug() {
    var cluster = new ClusterState(List.of(node));
    assertThatThrownBy(() -> cluster.release(0, HALF.shape(), new int[] {0})).isInstanceOf(IllegalStateException.class);
  }
}
