package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class NodeGroupTest {
  /**
   * Adds and removes members as a cluster's nodes enter and leave a state (a rank is added only when absent and
   * removed only when present), across the switch from a few members to many, and compares with a sorted set.
   */
  @Property(tries = 300)
  void holdsItsMembersInTieOrder(@ForAll @Size(max = 300) List<@IntRange(max = 99) Integer> toggles) {
    var group = new NodeGroup(0, null, false);
    var expected = new TreeSet<Integer>();
    for (int rank : toggles) {
      if (expected.add(rank)) {
        group.add(rank);
      } else {
        expected.remove(rank);
        group.remove(rank);
      }
      assertThat(group.isEmpty()).isEqualTo(expected.isEmpty());
      assertThat(group.firstRank()).isEqualTo(expected.isEmpty() ? -1 : expected.first());
      var members = new ArrayList<Integer>();
      for (int k = 0; k < expected.size(); k++) members.add(group.rankAt(k));
      assertThat(members).containsExactlyElementsOf(expected);
    }
  }
}
