package dev.sluice.core.scheduler;

import dev.sluice.core.placement.UnschedulableReason;
import dev.sluice.core.queue.Dimension;
import java.util.Objects;

/**
 * Why a workload waits: a program reads {@link #code()} (the strings of the REST API, docs/api.md) and the
 * fields; a person reads {@link #message()}.
 */
public sealed interface PendingReason {
  /**
   * One of {@code no-node-fits}, {@code over-quota}, {@code non-preemptible-over-quota}, {@code over-limit},
   * {@code running-cap}, {@code fair-share}, {@code gang-incomplete}, {@code topology}, {@code behind-reservation},
   * {@code no-victim-set}.
   */
  String code();

  String message();

  /** What holds the workload back; for {@link NoVictimSet}, the reason it waited before victims were looked for. */
  default PendingReason blocker() {
    return this;
  }

  /** No node can take its first pod; {@code placement} counts the nodes failing each constraint. */
  record NoNodeFits(UnschedulableReason placement) implements PendingReason {
    public NoNodeFits {
      Objects.requireNonNull(placement, "placement");
    }

    public String code() {
      return "no-node-fits";
    }

    public String message() {
      return placement.message();
    }
  }

  /** Beyond its deserved quota there is no idle quota of others to borrow. */
  record OverQuota(String queue, Dimension dimension, long requested, long allocated, long deserved) implements PendingReason {
    public String code() {
      return "over-quota";
    }

    public String message() {
      return exceeds(queue, dimension, allocated, requested, "deserved", deserved) + " and no idle quota is free to borrow";
    }
  }

  /**
   * It may not be preempted and would take its queue (or an ancestor) beyond deserved quota: such work runs only
   * within deserved quota unless its queue allows it above ({@code QueueSpec#nonPreemptibleAboveDeserved}), so that
   * whatever runs above deserved quota can be reclaimed.
   */
  record NonPreemptibleOverQuota(String queue, Dimension dimension, long requested, long allocated, long deserved)
      implements PendingReason {
    public String code() {
      return "non-preemptible-over-quota";
    }

    public String message() {
      return exceeds(queue, dimension, allocated, requested, "deserved", deserved)
          + ", and work that may not be preempted runs only within deserved quota (make it preemptible to borrow)";
    }
  }

  /** It would take the queue (or an ancestor) over its hard limit. */
  record OverLimit(String queue, Dimension dimension, long requested, long allocated, long limit) implements PendingReason {
    public String code() {
      return "over-limit";
    }

    public String message() {
      return exceeds(queue, dimension, allocated, requested, "limit", limit);
    }
  }

  /**
   * Its queue, or the ancestor {@code queue}, already runs {@code running} workloads, at or above its cap of
   * {@code cap} ({@code QueueSpec#maxRunningWorkloads}): it waits for one of them to end. It evicts no one to start,
   * not even lower-priority work of its own queue.
   */
  record AtRunningCap(String queue, int cap, int running) implements PendingReason {
    public AtRunningCap {
      Objects.requireNonNull(queue, "queue");
      if (cap < 0 || running < cap) {
        throw new IllegalArgumentException("cap must be >= 0 and running at least cap, were " + cap + " and " + running);
      }
    }

    public String code() {
      return "running-cap";
    }

    /** E.g. "queue team-a is at its cap of 4 running workloads", or "queue team-a runs 5 workloads, above its cap of 4". */
    public String message() {
      return running == cap ? "queue " + queue + " is at its cap of " + cap + " running workloads"
          : "queue " + queue + " runs " + running + " workloads, above its cap of " + cap;
    }
  }

  /** It would take the queue beyond its fair share while others with a smaller share wait. */
  record BeyondFairShare(String queue, Dimension dimension, long requested, long allocated, long fairShare)
      implements PendingReason {
    public String code() {
      return "fair-share";
    }

    public String message() {
      return exceeds(queue, dimension, allocated, requested, "fair share", fairShare);
    }
  }

  /** Only {@code placeable} of the {@code minMembers} pods it needs at once can be placed. */
  record GangIncomplete(int minMembers, int placeable, UnschedulableReason blockedBy) implements PendingReason {
    public GangIncomplete {
      Objects.requireNonNull(blockedBy, "blockedBy");
    }

    public String code() {
      return "gang-incomplete";
    }

    public String message() {
      return "gang needs " + minMembers + " pods at once, only " + placeable + " fit; next pod: " + blockedBy.message();
    }
  }

  /**
   * Its gang must run within one domain of {@code level} ({@link TopologyConstraint}), the named {@code domain} if
   * given (where the rest of it runs), and none of the {@code domains} domains of that level has room for its
   * {@code minMembers} pods at once ({@code withRoomInTotal} had the room in total but not where the pods fit).
   */
  record TopologyUnsatisfied(String level, String domain, int minMembers, int domains, int withRoomInTotal) implements PendingReason {
    public TopologyUnsatisfied {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(domain, "domain");
    }

    public String code() {
      return "topology";
    }

    public String message() {
      if (!domain.isEmpty()) {
        return "gang must run within " + level + " " + domain + ", where the rest of it runs, and it has no room for its " + minMembers
            + " pods at once";
      }
      if (domains == 0) return "gang must run within one " + level + " and no node is labelled with a " + level;
      return "gang must run within one " + level + " and no " + level + " has room for its " + minMembers + " pods at once ("
          + domains + " " + level + "s; " + withRoomInTotal + " with enough free in total, not where the pods fit)";
    }
  }

  /** It would fit only on nodes held for {@code reservedFor}, and would not end before they are needed. */
  record BehindReservation(String reservedFor, long reservationStart, int reservedNodes) implements PendingReason {
    public BehindReservation {
      Objects.requireNonNull(reservedFor, "reservedFor");
    }

    public String code() {
      return "behind-reservation";
    }

    public String message() {
      return reservedNodes + " nodes are held for workload " + reservedFor + " from time " + reservationStart
          + " and this workload would not end before then";
    }
  }

  /**
   * It waits for {@code blocker}, and no set of victims that reclaim or preemption may evict would make room:
   * {@code why} counts the sets looked at by the rule each broke.
   */
  record NoVictimSet(PendingReason blocker, int setsLookedAt, String why) implements PendingReason {
    public NoVictimSet {
      Objects.requireNonNull(blocker, "blocker");
      Objects.requireNonNull(why, "why");
      if (blocker instanceof NoVictimSet) throw new IllegalArgumentException("blocker must not itself be no-victim-set");
    }

    public String code() {
      return "no-victim-set";
    }

    public String message() {
      return blocker.message() + "; no set of victims makes room: " + why;
    }
  }

  /** E.g. "queue a: gpu 2000 allocated + 1000 requested exceeds deserved 2000". */
  private static String exceeds(String queue, Dimension dimension, long allocated, long requested, String bound, long amount) {
    return "queue " + queue + ": " + dimension + " " + allocated + " allocated + " + requested + " requested exceeds " + bound + " "
        + amount;
  }
}
