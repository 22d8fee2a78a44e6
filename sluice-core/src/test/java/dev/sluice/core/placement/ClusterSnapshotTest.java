package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.Resources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  private final List<Node> nodes = List.of(Node.uniform("a", 32_000, 65_536, 2, "T4"), Node.uniform("b", 8_000, 16_384, 0, ""));

  @Test
  void aClusterStateRestartedFromItsSnapshotHasTheSameStatesAndAllocation() {
    var cluster = new ClusterState(nodes);
    cluster.assign(0, new PodRequest("p", 4_000, 1_024, 1, 300, Set.of()).shape(), new int[] {1});

    var snapshot = cluster.snapshot();
    var restarted = new ClusterState(snapshot, TieOrder.identity(2));

    assertThat(restarted.snapshot()).isEqualTo(snapshot);
    assertThat(restarted.allocatedGpuMilli()).isEqualTo(300);
    assertThat(snapshot.capacity()).isEqualTo(new Resources(40_000, 81_920, 2_000));
    assertThat(snapshot.free()).isEqualTo(new Resources(36_000, 80_896, 1_700));
  }

  @Test
  void aStateOfAnotherNodeTypeIsRejected() {
    var wrong = NodeState.empty(new NodeType("A100", 32_000, 65_536, 2));

    assertThatThrownBy(() -> new ClusterSnapshot(nodes, List.of(wrong, NodeState.empty(NodeType.of(nodes.get(1))))))
        .hasMessageContaining("node a: its state is of another node type");
  }

  @Test
  void resourceArithmeticRefusesToGoNegative() {
    var small = new Resources(1, 1, 1);
    assertThat(small.plus(small).fitsIn(new Resources(2, 2, 2))).isTrue();
    assertThat(new Resources(3, 0, 0).fitsIn(new Resources(2, 2, 2))).isFalse();
    assertThatThrownBy(() -> small.minus(new Resources(2, 0, 0))).isInstanceOf(IllegalArgumentException.class);
  }
}
