package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The order victim sets are tried in: fewest GPUs lost, then lowest priority, then least run time lost. */
class VictimSetsTest {
  /** A candidate: its position in the candidates' own order and what losing it costs. */
  record Victim(int position, VictimSets.Cost cost) {
  }

  @Property(tries = 300)
  void everySetComesOnceCheapestFirstAndAfterEachOfItsSubsets(@ForAll @Size(max = 8) List<@IntRange(max = 3) Integer> gpus,
                                                             @ForAll long seed) {
    var victims = victims(gpus, seed);
    var seen = new ArrayList<Set<Victim>>();
    var sets = new VictimSets<>(victims, Victim::cost);
    while (sets.hasNext()) seen.add(Set.copyOf(sets.next()));

    assertThat(seen).hasSize(1 << victims.size()).doesNotHaveDuplicates();
    for (int i = 1; i < seen.size(); i++) {
      assertThat(compare(seen.get(i - 1), seen.get(i))).as("set %d before set %d", i - 1, i).isLessThanOrEqualTo(0);
    }
    for (int i = 0; i < seen.size(); i++) {
      for (int j = i + 1; j < seen.size(); j++) assertThat(seen.get(i).containsAll(seen.get(j))).isFalse();
    }
  }

  /** What the search keeps is the cheapest of all sets that work: nothing evicted could have been spared. */
  @Property(tries = 300)
  void theFirstSetThatWorksIsTheCheapestThatWorks(@ForAll @Size(max = 8) List<@IntRange(max = 3) Integer> gpus,
                                                  @ForAll @LongRange(min = 0, max = 255) long works, @ForAll long seed) {
    var victims = victims(gpus, seed);
    // Works: frees at least a threshold of GPUs and holds none of a forbidden subset.
    Predicate<Set<Victim>> rule = set -> set.stream().mapToLong(v -> v.cost().gpuMilli()).sum() >= (works % 5) * 1000
        && set.stream().noneMatch(v -> ((works >> 3) & (1L << (v.position() % 5))) != 0);
    Optional<Set<Victim>> first = Optional.empty();
    var sets = new VictimSets<>(victims, Victim::cost);
    while (sets.hasNext() && first.isEmpty()) {
      var set = Set.copyOf(sets.next());
      if (rule.test(set)) first = Optional.of(set);
    }

    var all = new ArrayList<Set<Victim>>();
    for (int mask = 0; mask < 1 << victims.size(); mask++) {
      var set = new HashSet<Victim>();
      for (int i = 0; i < victims.size(); i++) if ((mask & (1 << i)) != 0) set.add(victims.get(i));
      if (rule.test(set)) all.add(Set.copyOf(set));
    }
    var cheapest = all.stream().min(VictimSetsTest::compare);
    assertThat(first.map(VictimSetsTest::key)).isEqualTo(cheapest.map(VictimSetsTest::key));
  }

  private static List<Victim> victims(List<Integer> gpus, long seed) {
    var random = new java.util.SplittableRandom(seed);
    var victims = new ArrayList<Victim>();
    for (int i = 0; i < gpus.size(); i++) {
      victims.add(new Victim(i, new VictimSets.Cost(gpus.get(i) * 1000L, random.nextInt(3) * 25L, random.nextInt(3) * 60_000L)));
    }
    return victims;
  }

  /** The stated order, on sums: GPUs, priority, run time, then fewer victims, then the candidates' own order. */
  private static int compare(Set<Victim> a, Set<Victim> b) {
    return Comparator.<List<Long>, Long>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2))
        .thenComparing(k -> k.get(3)).compare(key(a), key(b));
  }

  private static List<Long> key(Set<Victim> set) {
    return List.of(set.stream().mapToLong(v -> v.cost().gpuMilli()).sum(), set.stream().mapToLong(v -> v.cost().priority()).sum(),
        set.stream().mapToLong(v -> v.cost().runtime()).sum(), (long) set.size());
  }
}
