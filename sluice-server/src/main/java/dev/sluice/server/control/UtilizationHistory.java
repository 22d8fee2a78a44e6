package dev.sluice.server.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Samples of utilization, at most one per {@code every}, kept for {@code keep}. Thread-safe. */
final class UtilizationHistory {
  private final Duration every;
  private final Duration keep;
  private final ArrayDeque<UtilizationPoint> points = new ArrayDeque<>();

  UtilizationHistory(Duration every, Duration keep) {
    this.every = every;
    this.keep = keep;
  }

  synchronized void offer(UtilizationPoint point) {
    var last = points.peekLast();
    if (last != null && point.at().isBefore(last.at().plus(every))) return;
    points.addLast(point);
    while (!points.isEmpty() && points.peekFirst().at().isBefore(point.at().minus(keep))) points.removeFirst();
  }

  synchronized List<UtilizationPoint> since(Instant from) {
    var result = new ArrayList<UtilizationPoint>();
    for (var point : points) if (!point.at().isBefore(from)) result.add(point);
    return result;
  }
}
