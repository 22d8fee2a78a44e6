package dev.sluice.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTreeTest {
  private static QueueSpec queue(String name, String parent, long gpuDeserved) {
    return new QueueSpec(name, parent, 0, Map.of(Dimension.GPU, Quota.deserved(gpuDeserved)));
  }

  @Test
  void departmentsProjectsAndUsersFormATreeInNameOrder() throws QueueDefinitionException {
    var tree = QueueTree.of(List.of(
        queue("research", null, 8000), queue("vision", "research", 3000), queue("nlp", "research", 5000),
        queue("alice", "nlp", 2000), queue("ops", null, 0)));

    assertThat(tree.roots()).containsExactly("ops", "research");
    assertThat(tree.children("research")).containsExactly("nlp", "vision");
    assertThat(tree.pathToRoot("alice")).containsExactly("alice", "nlp", "research");
    assertThat(tree.isLeaf("alice")).isTrue();
    assertThat(tree.isLeaf("nlp")).isFalse();
  }

  @Test
  void anUnknownParentIsNamed() {
    assertThatThrownBy(() -> QueueTree.of(List.of(queue("nlp", "reserch", 0))))
        .isInstanceOf(QueueDefinitionException.class)
        .hasMessage("queue 'nlp': parent 'reserch' is not defined");
  }

  @Test
  void aCycleIsReportedOnce() {
    assertThatThrownBy(() -> QueueTree.of(List.of(queue("a", "b", 0), queue("b", "c", 0), queue("c", "a", 0))))
        .isInstanceOf(QueueDefinitionException.class)
        .satisfies(e -> assertThat(((QueueDefinitionException) e).problems()).singleElement().asString()
            .contains("cycle").contains("a → b → c → a"));
  }

  @Test
  void aNegativeCapOnRunningWorkloadsIsNamed() {
    assertThatThrownBy(() -> QueueTree.of(List.of(queue("nlp", null, 0).withMaxRunningWorkloads(-1))))
        .isInstanceOf(QueueDefinitionException.class)
        .hasMessage("queue 'nlp': maxRunningWorkloads must be >= 0, was -1");
  }

  @Test
  void childrenMayNotDeserveMoreThanTheirParent() {
    assertThatThrownBy(() -> QueueTree.of(List.of(
        queue("research", null, 4000), queue("nlp", "research", 3000), queue("vision", "research", 2000))))
        .hasMessage("queue 'research': quotas.gpu.deserved (4000) is less than its children's deserved together"
            + " (5000: nlp, vision)");
  }

  @Test
  void negativeValuesAndALimitBelowDeservedNameQueueAndField() {
    var bad = new QueueSpec("nlp", null, 0, Map.of(Dimension.gpu("H100"), new Quota(-1, 10, -2, 0)));

    assertThatThrownBy(() -> QueueTree.of(List.of(bad)))
        .isInstanceOf(QueueDefinitionException.class)
        .satisfies(e -> assertThat(((QueueDefinitionException) e).problems()).containsExactlyInAnyOrder(
            "queue 'nlp': quotas.gpu/H100.deserved must be >= 0, was -1",
            "queue 'nlp': quotas.gpu/H100.overQuotaWeight must be a finite number >= 0, was -2.0"));
    assertThatThrownBy(() -> QueueTree.of(List.of(new QueueSpec("cv", null, 0,
        Map.of(Dimension.CPU, new Quota(8000, 4000, 1, Quota.UNLIMITED))))))
        .hasMessage("queue 'cv': quotas.cpu.limit (4000) must not be below deserved (8000)");
  }

  @Test
  void aDuplicateNameIsRejected() {
    assertThatThrownBy(() -> QueueTree.of(List.of(queue("a", null, 0), queue("a", null, 0))))
        .hasMessage("queue 'a': defined twice");
  }

  @Test
  void unknownResourceNamesAreRejected() {
    assertThatThrownBy(() -> new Dimension("gpus")).hasMessageContaining("unknown resource 'gpus'");
    assertThat(Dimension.gpu("A100").isGpuModel()).isTrue();
  }

  @Test
  void childrenWhoseDeservedQuotaOverflowsWhenAddedUpAreRefusedNamingTheField() {
    long half = Long.MAX_VALUE / 2;
    assertThatThrownBy(() -> QueueTree.of(List.of(queue("research", null, 1000), queue("a", "research", half),
        queue("b", "research", half), queue("c", "research", half))))
        .isInstanceOf(QueueDefinitionException.class)
        .hasMessage("queue 'research': quotas.gpu.deserved of its children together (a, b, c) overflows a 64-bit count");
  }
}
