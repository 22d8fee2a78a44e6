package dev.sluice.server.control;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The waiting jobs' queue positions by job number, immutable and compact: two sorted primitive arrays instead of a
 * map entry and two boxed numbers per job, since the view that holds them lives from one cycle to the next (over a
 * deep queue, a map of them would be copied by every young collection in between and then into the old generation).
 */
final class QueuePositions extends AbstractMap<Long, Integer> {
  private final long[] seqs;
  private final int[] positions;

  private QueuePositions(long[] seqs, int[] positions) {
    this.seqs = seqs;
    this.positions = positions;
  }

  /** These positions; {@code positions} itself when it is already a {@code QueuePositions}. */
  static QueuePositions copyOf(Map<Long, Integer> positions) {
    if (positions instanceof QueuePositions compact) return compact;
    var entries = positions.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    var seqs = new long[entries.size()];
    var values = new int[entries.size()];
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = entries.get(i).getKey();
      values[i] = entries.get(i).getValue();
    }
    return new QueuePositions(seqs, values);
  }

  @Override
  public Integer get(Object key) {
    int index = key instanceof Long seq ? Arrays.binarySearch(seqs, seq) : -1;
    return index < 0 ? null : positions[index];
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return seqs.length;
  }

  @Override
  public Set<Entry<Long, Integer>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<Long, Integer>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < seqs.length;
          }

          @Override
          public Entry<Long, Integer> next() {
            if (!hasNext()) throw new NoSuchElementException();
            var entry = Map.entry(seqs[next], positions[next]);
            next++;
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return seqs.length;
      }
    };
  }
}
