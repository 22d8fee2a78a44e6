package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SmallestTest {
  @Property(tries = 300)
  void keepsWhatSortingAllAndTakingTheFirstKWouldKeep(@ForAll @Size(max = 60) List<@IntRange(max = 20) Integer> items,
                                                      @ForAll @IntRange(min = 1, max = 20) int k) {
    // Ties in the value are broken by position, as the scheduler's orders end with an id.
    var indexed = IntStream.range(0, items.size()).mapToObj(i -> new int[] {items.get(i), i}).toList();
    Comparator<int[]> order = Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]);
    var smallest = new Smallest<>(k, order);
    indexed.forEach(smallest::offer);

    var expected = indexed.stream().sorted(order).limit(k).toList();
    assertThat(smallest.sorted()).containsExactlyElementsOf(expected);
  }
}
