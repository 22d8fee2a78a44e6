package dev.sluice.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPUs counted in whole units here for readability; the arithmetic is the same in milli. */
class FairShareTest {
  private static final Dimension GPU = Dimension.GPU;

  private static QueueSpec queue(String name, String parent, int priority, Quota gpu) {
    return new QueueSpec(name, parent, priority, Map.of(GPU, gpu));
  }

  private static FairShares shares(List<QueueSpec> queues, long gpus, Map<String, Long> gpuDemand,
                                   Map<String, Double> usage, double historyWeight) throws QueueDefinitionException {
    var demand = new HashMap<String, Map<Dimension, Long>>();
    gpuDemand.forEach((queue, amount) -> demand.put(queue, Map.of(GPU, amount)));
    return FairShare.compute(new FairShareInput(QueueTree.of(queues), Map.of(GPU, gpus), demand, usage, historyWeight));
  }

  private static FairShares shares(List<QueueSpec> queues, long gpus, Map<String, Long> gpuDemand)
      throws QueueDefinitionException {
    return shares(queues, gpus, gpuDemand, Map.of(), 0);
  }

  @Test
  void aQueueBorrowsIdleDeservedAndGivesItBackWhenTheOwnerAsks() throws Exception {
    var queues = List.of(queue("a", null, 0, Quota.deserved(4)), queue("b", null, 0, Quota.deserved(4)));

    var bIdle = shares(queues, 8, Map.of("a", 8L, "b", 0L));
    var bAsks = shares(queues, 8, Map.of("a", 8L, "b", 4L));

    assertThat(bIdle.of("a", GPU)).isEqualTo(8);
    assertThat(bAsks.of("a", GPU)).isEqualTo(4);
    assertThat(bAsks.of("b", GPU)).isEqualTo(4);
  }

  @Test
  void surplusGoesByOverQuotaWeightWithTheRemainderToTheLargestFraction() throws Exception {
    var queues = List.of(queue("a", null, 0, new Quota(4, Quota.UNLIMITED, 2, Quota.UNLIMITED)),
        queue("b", null, 0, new Quota(4, Quota.UNLIMITED, 1, Quota.UNLIMITED)));

    var shares = shares(queues, 12, Map.of("a", 12L, "b", 12L));

    // surplus 4 split 2:1 = 2.67 : 1.33 -> 2 : 1, the last unit to a (larger fraction)
    assertThat(shares.of("a", GPU)).isEqualTo(7);
    assertThat(shares.of("b", GPU)).isEqualTo(5);
  }

  @Test
  void higherPriorityTakesTheSurplusFirst() throws Exception {
    var queues = List.of(queue("urgent", null, 10, Quota.deserved(2)), queue("batch", null, 0, Quota.deserved(2)));

    var shares = shares(queues, 10, Map.of("urgent", 7L, "batch", 10L));

    assertThat(shares.of("urgent", GPU)).isEqualTo(7);
    assertThat(shares.of("batch", GPU)).isEqualTo(3);
  }

  @Test
  void limitAndLendingLimitBound() throws Exception {
    var queues = List.of(queue("a", null, 0, new Quota(4, 5, 1, Quota.UNLIMITED)),
        queue("b", null, 0, new Quota(4, Quota.UNLIMITED, 1, 1)));

    var shares = shares(queues, 8, Map.of("a", 8L, "b", 0L));

    // a may use at most 5 (its limit); b lends at most 1 of its 4 idle anyway
    assertThat(shares.of("a", GPU)).isEqualTo(5);
    var lendingOnly = shares(List.of(queue("a", null, 0, Quota.deserved(4)),
        queue("b", null, 0, new Quota(4, Quota.UNLIMITED, 1, 1))), 8, Map.of("a", 8L, "b", 0L));
    assertThat(lendingOnly.of("a", GPU)).isEqualTo(5);
  }

  @Test
  void aDepartmentsShareIsDividedAmongItsProjects() throws Exception {
    var queues = List.of(queue("research", null, 0, Quota.deserved(6)), queue("ops", null, 0, Quota.deserved(2)),
        queue("nlp", "research", 0, Quota.deserved(2)), queue("vision", "research", 0, Quota.deserved(4)));

    var shares = shares(queues, 8, Map.of("nlp", 8L, "vision", 1L, "ops", 2L));

    assertThat(shares.of("research", GPU)).isEqualTo(6);
    assertThat(shares.of("vision", GPU)).isEqualTo(1);
    assertThat(shares.of("nlp", GPU)).isEqualTo(5);
    assertThat(shares.of("ops", GPU)).isEqualTo(2);
  }

  @Test
  void pastUsageLowersAClaimOnSurplusButNotOnDeserved() throws Exception {
    var queues = List.of(queue("a", null, 0, Quota.deserved(2)), queue("b", null, 0, Quota.deserved(2)));

    var shares = shares(queues, 10, Map.of("a", 10L, "b", 10L), Map.of("a", 1.0), 1.0);

    // surplus 6 by weights 1/(1+1) : 1 = 1 : 2
    assertThat(shares.of("a", GPU)).isEqualTo(2 + 2);
    assertThat(shares.of("b", GPU)).isEqualTo(2 + 4);
  }

  @Test
  void quotasPerGpuModelAreSharedSeparately() throws Exception {
    var h100 = Dimension.gpu("H100");
    var a100 = Dimension.gpu("A100");
    var tree = QueueTree.of(List.of(
        new QueueSpec("llm", null, 0, Map.of(h100, Quota.deserved(8), a100, Quota.deserved(0))),
        new QueueSpec("cv", null, 0, Map.of(h100, Quota.deserved(0), a100, Quota.deserved(8)))));
    var demand = Map.of("llm", Map.of(h100, 8L, a100, 4L), "cv", Map.of(h100, 8L, a100, 4L));

    var shares = FairShare.compute(new FairShareInput(tree, Map.of(h100, 8L, a100, 8L), demand, Map.of(), 0));

    assertThat(shares.of("llm", h100)).isEqualTo(8);
    assertThat(shares.of("cv", h100)).isZero();
    assertThat(shares.of("cv", a100)).isEqualTo(4);
    assertThat(shares.of("llm", a100)).isEqualTo(4);
  }

  @Test
  void usersInsideALeafShareItEquallyUpToTheirDemand() {
    var shares = FairShare.amongUsers(10, Map.of("carol", 2L, "alice", 9L, "bob", 9L));

    // carol takes her 2; alice and bob split the other 8
    assertThat(shares).isEqualTo(Map.of("alice", 4L, "bob", 4L, "carol", 2L));
    assertThat(FairShare.amongUsers(3, Map.of("bob", 9L, "alice", 9L))).isEqualTo(Map.of("alice", 2L, "bob", 1L));
  }

  @Test
  void quotasNearTheLargestLongDoNotOverflowWhenAddedUp() throws Exception {
    // Each keeps its idle deserved (lending limit 0): what is held back adds up past Long.MAX_VALUE.
    var keeps = new Quota(Long.MAX_VALUE, Quota.UNLIMITED, 1, 0);
    var queues = List.of(queue("a", null, 0, keeps), queue("b", null, 0, keeps), queue("c", null, 0, Quota.deserved(0)));

    var result = shares(queues, 8, Map.of("a", 2L, "b", 2L, "c", 8L));

    assertThat(result.of("a", GPU)).isEqualTo(2);
    assertThat(result.of("b", GPU)).isEqualTo(2);
    assertThat(result.of("c", GPU)).as("nothing is surplus: a and b hold their idle quota back").isZero();
  }
}
