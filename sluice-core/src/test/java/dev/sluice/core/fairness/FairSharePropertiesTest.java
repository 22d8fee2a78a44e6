package dev.sluice.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class FairSharePropertiesTest {
  private static final Dimension GPU = Dimension.GPU;

  /** Two departments with up to three projects each; deserved always fits inside the parent. */
  private record Case(QueueTree tree, long capacity, Map<String, Map<Dimension, Long>> demand) {}

  private static Case randomCase(long seed) throws Exception {
    var random = new SplittableRandom(seed);
    var specs = new ArrayList<QueueSpec>();
    var demand = new HashMap<String, Map<Dimension, Long>>();
    long capacity = 8 * (1 + random.nextInt(16));
    for (var department : List.of("d0", "d1")) {
      var projects = new ArrayList<QueueSpec>();
      long projectDeserved = 0;
      int count = 1 + random.nextInt(3);
      for (int p = 0; p < count; p++) {
        long deserved = random.nextInt(8);
        projectDeserved += deserved;
        long limit = random.nextInt(4) == 0 ? deserved + random.nextInt(8) : Quota.UNLIMITED;
        projects.add(new QueueSpec(department + "p" + p, department, random.nextInt(2),
            Map.of(GPU, new Quota(deserved, limit, random.nextInt(4), Quota.UNLIMITED))));
        demand.put(department + "p" + p, Map.of(GPU, (long) random.nextInt(40)));
      }
      specs.add(new QueueSpec(department, null, 0, Map.of(GPU, Quota.deserved(projectDeserved + random.nextInt(4)))));
      specs.addAll(projects);
    }
    return new Case(QueueTree.of(specs), capacity, demand);
  }

  @Property(tries = 300)
  void sharesNeverExceedTheParentsShareTheDemandOrTheLimit(@ForAll @LongRange(min = 1, max = 1_000_000) long seed)
      throws Exception {
    var c = randomCase(seed);
    var shares = FairShare.compute(new FairShareInput(c.tree(), Map.of(GPU, c.capacity()), c.demand(), Map.of(), 0));

    long roots = 0;
    for (var department : c.tree().roots()) {
      roots += shares.of(department, GPU);
      long children = 0;
      for (var project : c.tree().children(department)) {
        long share = shares.of(project, GPU);
        children += share;
        var quota = c.tree().queue(project).orElseThrow().quota(GPU);
        assertThat(share).isLessThanOrEqualTo(Math.min(c.demand().get(project).get(GPU), quota.limit()));
      }
      assertThat(children).isLessThanOrEqualTo(shares.of(department, GPU));
    }
    assertThat(roots).isLessThanOrEqualTo(c.capacity());
  }

  @Property(tries = 300)
  void everyQueueGetsItsDeservedWhenItAsksAndTheClusterCanHoldAllDeserved(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    var c = randomCase(seed);
    long rootDeserved = c.tree().roots().stream().mapToLong(r -> c.tree().queue(r).orElseThrow().quota(GPU).deserved()).sum();
    var shares = FairShare.compute(new FairShareInput(c.tree(), Map.of(GPU, Math.max(c.capacity(), rootDeserved)),
        c.demand(), Map.of(), 0));

    for (var department : c.tree().roots()) {
      for (var project : c.tree().children(department)) {
        long deserved = c.tree().queue(project).orElseThrow().quota(GPU).deserved();
        assertThat(shares.of(project, GPU)).isGreaterThanOrEqualTo(Math.min(deserved, c.demand().get(project).get(GPU)));
      }
    }
  }

  @Property(tries = 200)
  void theSameInputGivesTheSameShares(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    var c = randomCase(seed);
    var input = new FairShareInput(c.tree(), Map.of(GPU, c.capacity()), c.demand(), Map.of("d0", 0.7), 0.5);

    assertThat(FairShare.compute(input)).isEqualTo(FairShare.compute(input));
  }
}
