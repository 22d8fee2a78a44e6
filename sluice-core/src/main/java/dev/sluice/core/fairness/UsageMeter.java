package dev.sluice.core.fairness;

import dev.sluice.core.queue.QueueTree;
import java.util.Collection;
import java.util.Objects;

/**
 * Meters what each queue ran into its {@link UsageHistory}, the one way every live mode and the replay count
 * usage: each reading adds, for everything that held GPUs, its GPU-milli times the milliseconds since the last
 * reading (or since it started holding them, if later) divided by 1,000 (GPU-milli-seconds) to its queue and
 * every ancestor, then decays the history to now. The first reading only starts the meter. A reading at or
 * before the last one adds nothing; what names a queue the tree does not know is not counted. One thread reads
 * the meter at a time; {@link #history} may be asked from any.
 */
public final class UsageMeter {
  private volatile UsageHistory history;
  private boolean started;

  /** A meter that adds to {@code start}: an empty history, or one read back from where a former run kept it. */
  public UsageMeter(UsageHistory start) {
    this.history = Objects.requireNonNull(start, "start");
  }

  /**
   * GPUs some workload held for a queue.
   *
   * @param sinceMillis when it started holding them; {@link Long#MIN_VALUE} when that is not known (it is then
   *                    counted from the last reading)
   */
  public record HeldGpus(String queue, long gpuMilli, long sinceMillis) {
    public HeldGpus {
      Objects.requireNonNull(queue, "queue");
    }

    /** GPUs held since before the last reading, or for as long as the caller counts them. */
    public static HeldGpus throughout(String queue, long gpuMilli) {
      return new HeldGpus(queue, gpuMilli, Long.MIN_VALUE);
    }
  }

  /** Adds what {@code held} used since the last reading and returns the history as of {@code nowMillis}. */
  public UsageHistory read(QueueTree queues, Collection<HeldGpus> held, long nowMillis) {
    long since = history.atMillis();
    if (started && nowMillis > since) {
      for (var h : held) {
        if (queues.queue(h.queue()).isEmpty()) continue;
        double gpuMilliSeconds = h.gpuMilli() * (nowMillis - Math.max(since, h.sinceMillis())) / 1000.0;
        if (gpuMilliSeconds > 0) history = history.plus(queues, h.queue(), gpuMilliSeconds, nowMillis);
      }
    }
    history = history.decayedTo(Math.max(nowMillis, history.atMillis()));
    started = true;
    return history;
  }

  /** The history as of the last reading (the starting one before any). */
  public UsageHistory history() {
    return history;
  }
}
