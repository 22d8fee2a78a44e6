package dev.sluice.k8s;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.k8s.read.Parsed;
import dev.sluice.k8s.resource.QueueResource;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The past usage behind fair share, kept in each Queue's {@code status.usage} so that it outlives the scheduler:
 * a new leader reads it back ({@link #restore}), decayed by the time since it was written, and each cycle
 * writes a queue's usage only when it has drifted from what its status says (decayed) by more than 1 % or one
 * GPU-minute ({@link #next}), so that a queue whose usage only decays is never written for it. Usage in the
 * core's unit (GPU-milli-seconds) becomes GPU-seconds in the status.
 */
final class UsageStatuses {
  /** More than this (a million GPUs busy for a third of a year) is not believed. */
  static final double MAX_GPU_SECONDS = 1e13;
  /** How far ahead of this scheduler's clock a time written by another replica may be, and be taken as now. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  private static final double DRIFT = 0.01;
  private static final double MIN_DRIFT_GPU_SECONDS = 60;
  private static final System.Logger LOG = System.getLogger(UsageStatuses.class.getName());

  private UsageStatuses() {
  }

  /** What a queue's status says it used, and when. */
  private record Stored(double gpuSeconds, long atMillis) {
  }

  /**
   * The usage the queues' statuses hold, decayed to {@code nowMillis}. A status whose usage is not believable
   * (not a number, negative, not finite, beyond {@link #MAX_GPU_SECONDS}, no time or one in the future) is
   * left out, with one log line naming the queue and the problem.
   */
  static UsageHistory restore(List<QueueResource> queues, long nowMillis, Duration halfLife) {
    var usage = new HashMap<String, Double>();
    for (var queue : queues) {
      if (queue.getStatus() == null || queue.getStatus().usage() == null) continue;
      String name = queue.getMetadata().getName();
      switch (stored(queue.getStatus().usage(), nowMillis)) {
        case Parsed.Ok<Stored>(var s) -> usage.put(name, UsageHistory.decay(s.gpuSeconds() * 1000, s.atMillis(), nowMillis, halfLife));
        case Parsed.Invalid<Stored> invalid -> LOG.log(System.Logger.Level.WARNING,
            "the past usage of queue " + name + " is ignored (it starts from none): " + invalid.text());
      }
    }
    return new UsageHistory(usage, nowMillis, halfLife);
  }

  /**
   * Each queue's {@code status.usage} after this cycle: the one it has while that, decayed to now, is within
   * the drift of what the queue used ({@code history}); else the usage now; none for a queue that has neither.
   */
  static Map<String, QueueResource.Usage> next(List<QueueResource> queues, UsageHistory history, long nowMillis) {
    var next = new HashMap<String, QueueResource.Usage>();
    for (var queue : queues) {
      String name = queue.getMetadata().getName();
      var current = queue.getStatus() == null ? null : queue.getStatus().usage();
      var usage = updated(current, history.usage().getOrDefault(name, 0.0), nowMillis, history.halfLife());
      if (usage != null) next.put(name, usage);
    }
    return next;
  }

  /** The one queue's {@code status.usage} after this cycle, as above; null for none. */
  static QueueResource.Usage updated(QueueResource.Usage current, double gpuMilliSeconds, long nowMillis, Duration halfLife) {
    double gpuSeconds = Math.round(gpuMilliSeconds) / 1000.0;
    boolean close = current != null && stored(current, nowMillis) instanceof Parsed.Ok<Stored>(var s)
        && Math.abs(UsageHistory.decay(s.gpuSeconds(), s.atMillis(), nowMillis, halfLife) - gpuSeconds)
        <= Math.max(DRIFT * gpuSeconds, MIN_DRIFT_GPU_SECONDS);
    if (close) return current;
    if (current == null && gpuSeconds <= MIN_DRIFT_GPU_SECONDS) return null;
    return new QueueResource.Usage(gpuSeconds, Instant.ofEpochMilli(nowMillis).toString());
  }

  /** The stored usage, or why it cannot be believed; a time a little ahead of {@code nowMillis} is taken as now. */
  private static Parsed<Stored> stored(QueueResource.Usage usage, long nowMillis) {
    Double seconds = usage.gpuSeconds();
    if (seconds == null || !(seconds >= 0 && seconds <= MAX_GPU_SECONDS)) {
      return new Parsed.Invalid<>("status.usage.gpuSeconds", "must be a number from 0 to " + MAX_GPU_SECONDS + ", was " + seconds);
    }
    if (usage.computedAt() == null) return new Parsed.Invalid<>("status.usage.computedAt", "must be an RFC 3339 time, was none");
    long at;
    try {
      at = Instant.parse(usage.computedAt()).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return new Parsed.Invalid<>("status.usage.computedAt", "must be an RFC 3339 time, was " + usage.computedAt());
    }
    if (at > nowMillis + CLOCK_SKEW.toMillis()) {
      return new Parsed.Invalid<>("status.usage.computedAt", "is in the future: " + usage.computedAt());
    }
    return new Parsed.Ok<>(new Stored(seconds, Math.min(at, nowMillis)));
  }
}
