package dev.sluice.sim.replay;

import java.util.Comparator;

/**
 * Something that happens to one pod at a virtual time. Events are ordered by time, then by the serial
 * number the queue gave them, so two events at one time keep the order in which they were scheduled.
 *
 * @param time   virtual seconds
 * @param serial order of scheduling, the tie-break
 * @param kind   arrival, departure, or a scheduling cycle due on the fixed period
 * @param pod    the pod's id; -1 for a cycle
 * @param run    for a departure, which start of the pod it ends (an evicted pod's old departure is stale)
 */
public record Event(long time, long serial, Kind kind, int pod, int run) {
  public enum Kind { ARRIVAL, DEPARTURE, CYCLE }

  public static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time).thenComparingLong(Event::serial);
}
