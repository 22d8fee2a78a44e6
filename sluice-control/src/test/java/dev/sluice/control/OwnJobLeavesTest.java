package dev.sluice.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The own-jobs leaf both live modes give a queue that has gained sub-queues while work of its own still runs; the
 * single host's and Kubernetes' tests show what it does to their cycles.
 */
class OwnJobLeavesTest {
  private static final QueueSpec TEAM = new QueueSpec("team", null, 5, Map.of(Dimension.GPU, new Quota(4000, 6000, 1, Quota.UNLIMITED)),
      true).withMaxRunningWorkloads(2);
  private static final QueueSpec TEAM_SUB = new QueueSpec("team-sub", "team", 0, Map.of(Dimension.GPU, Quota.deserved(1000)));
  private static final QueueSpec OTHER = new QueueSpec("other", null, 0, Map.of());

  private static QueueTree tree(QueueSpec... specs) throws QueueDefinitionException {
    return QueueTree.of(List.of(specs));
  }

  @Test
  void aQueueWithSubQueuesWhereWorkRunsGetsALeafWithItsTermsAndWhatItsSubQueuesAreNotPromised() throws Exception {
    var tree = OwnJobLeaves.tree(tree(TEAM, TEAM_SUB, OTHER), Set.of("team", "other"));

    assertThat(OwnJobLeaves.leafOf(tree, "team")).isEqualTo("team/own");
    assertThat(tree.children("team")).containsExactlyInAnyOrder("team-sub", "team/own");
    assertThat(tree.queue("team/own")).hasValue(
        new QueueSpec("team/own", "team", 5, Map.of(Dimension.GPU, Quota.deserved(3000)), true, QueueSpec.UNCAPPED));
    assertThat(tree.queue("team")).hasValue(TEAM);
    assertThat(OwnJobLeaves.leafOf(tree, "other")).as("a leaf runs its own work").isEqualTo("other");
    assertThat(tree.names()).containsExactly("other", "team", "team-sub", "team/own");
  }

  @Test
  void queuesWithoutSubQueuesOrWithoutRunningWorkAndUnknownOnesGetNoLeaf() throws Exception {
    var stored = tree(TEAM, TEAM_SUB, OTHER);

    assertThat(OwnJobLeaves.tree(stored, Set.of("other", "team-sub", "gone"))).isSameAs(stored);
  }
}
