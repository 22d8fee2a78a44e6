package dev.sluice.k8s;

import dev.sluice.k8s.read.Gang;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gangs that wait before they are tried again because the pods they had bound were taken back (others of their
 * minimum could not be bound), so that a bind the API server keeps refusing does not bind and evict the same gang
 * every cycle. The wait doubles with each such failure in a row, up to 32 times the first; a gang that binds whole,
 * or does not fail again within twice its last wait, starts afresh.
 */
final class GangBackoff {
  /** The code of the reason such a gang waits with. */
  static final String CODE = "bind-failed";
  private static final int MOST_DOUBLINGS = 5;

  private record Failure(int inARow, Duration pause, Instant until, Gang.Hold hold) {
  }

  private final Duration first;
  private final Map<String, Failure> byGang = new HashMap<>();

  GangBackoff(Duration first) {
    this.first = first;
  }

  /** Records that the gang was taken back for {@code why}; returns the reason it waits with, naming the wait. */
  Gang.Hold failed(String gangId, String why, Instant now) {
    var last = byGang.get(gangId);
    int inARow = last == null || forgotten(last, now) ? 1 : last.inARow() + 1;
    var wait = first.multipliedBy(1L << Math.min(inARow - 1, MOST_DOUBLINGS));
    var hold = new Gang.Hold(CODE, why + "; it is tried again in " + words(wait));
    byGang.put(gangId, new Failure(inARow, wait, now.plus(wait), hold));
    return hold;
  }

  /** The gang bound whole: its next failure waits the first wait again. */
  void bound(String gangId) {
    byGang.remove(gangId);
  }

  /** The gangs that wait now, by gang id, with their reasons. */
  Map<String, Gang.Hold> holds(Instant now) {
    byGang.values().removeIf(f -> forgotten(f, now));
    var holds = new TreeMap<String, Gang.Hold>();
    byGang.forEach((id, f) -> {
      if (now.isBefore(f.until())) holds.put(id, f.hold());
    });
    return holds;
  }

  private static boolean forgotten(Failure failure, Instant now) {
    return now.isAfter(failure.until().plus(failure.pause()));
  }

  private static String words(Duration wait) {
    return wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
  }
}
