package dev.sluice.sim.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Pending events in {@link Event#ORDER}; hands them out a batch (all events of one time) at a time. */
public final class EventQueue {
  private final PriorityQueue<Event> events = new PriorityQueue<>(Event.ORDER);
  private long nextSerial;

  public Event add(long time, Event.Kind kind, int pod, int run) {
    var event = new Event(time, nextSerial++, kind, pod, run);
    events.add(event);
    return event;
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  public int size() {
    return events.size();
  }

  /** Removes and returns every event at the earliest time, in order. */
  public List<Event> nextBatch() {
    if (events.isEmpty()) throw new IllegalStateException("no events left");
    var batch = new ArrayList<Event>();
    long time = events.peek().time();
    while (!events.isEmpty() && events.peek().time() == time) batch.add(events.poll());
    return batch;
  }
}
