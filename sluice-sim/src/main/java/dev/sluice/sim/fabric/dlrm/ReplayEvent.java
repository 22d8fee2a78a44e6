package dev.sluice.sim.fabric.dlrm;

import dev.sluice.sim.trace.DlrmInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A creation or deletion of one instance at a simulated time.
 *
 * @param timeMs   milliseconds since the trace's start
 * @param phase    order among events at the same time: deletions, then creations, then the deletions of
 *                 instances that the trace deletes no later than it creates them
 * @param instance index of the instance in its list
 * @param row      the instance's row in the trace, the last tie-break
 */
record ReplayEvent(long timeMs, int phase, int instance, int row) {
  static final int DELETE = 0;
  static final int CREATE = 1;
  static final int DELETE_AT_ONCE = 2;
  private static final Comparator<ReplayEvent> ORDER = Comparator.comparingLong(ReplayEvent::timeMs)
      .thenComparingInt(ReplayEvent::phase).thenComparingInt(ReplayEvent::row);

  boolean creates() {
    return phase == CREATE;
  }

  /**
   * The events of {@code instances} in time order: every instance is created at its {@link DlrmInstance#arrivalMs
   * arrival} (those that ran before the trace started at 0, in file order) and deleted at its deletion, if
   * the trace has one; an instance deleted no later than created is deleted right after its creation.
   */
  static List<ReplayEvent> of(List<DlrmInstance> instances) {
    var events = new ArrayList<ReplayEvent>(2 * instances.size());
    for (int i = 0; i < instances.size(); i++) {
      var instance = instances.get(i);
      long arrival = instance.arrivalMs();
      events.add(new ReplayEvent(arrival, CREATE, i, instance.row()));
      if (instance.deletedMs() == DlrmInstance.AFTER_END) continue;
      boolean atOnce = instance.deletedMs() <= arrival;
      events.add(new ReplayEvent(Math.max(arrival, instance.deletedMs()), atOnce ? DELETE_AT_ONCE : DELETE, i, instance.row()));
    }
    events.sort(ORDER);
    return List.copyOf(events);
  }
}
