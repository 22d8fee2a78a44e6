package dev.sluice.core.scheduler;

import java.util.Objects;

/**
 * Who made a workload leave its place and why.
 *
 * @param kind       reclaim (of fair share or of deserved quota), preempt or consolidate
 * @param byWorkload the workload that needed the room
 * @param byQueue    that workload's queue
 * @param message    a sentence for a person
 */
public record EvictionCause(Kind kind, String byWorkload, String byQueue, String message) {
  public enum Kind {
    /** A queue below its fair share took back resources from a queue above its own. */
    RECLAIM("reclaim"),
    /**
     * A queue that stays within its deserved quota took what it deserves from a queue above its deserved quota,
     * whatever their fair shares (the guarantee).
     */
    DESERVED("deserved"),
    /** A higher-priority workload of the same queue took the place of a lower-priority one. */
    PREEMPT("preempt"),
    /** A preemptible workload was moved to make room; it keeps running elsewhere. */
    CONSOLIDATE("consolidate");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public EvictionCause {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(byWorkload, "byWorkload");
    Objects.requireNonNull(byQueue, "byQueue");
    Objects.requireNonNull(message, "message");
  }
}
