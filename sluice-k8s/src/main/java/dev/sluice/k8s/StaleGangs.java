package dev.sluice.k8s;

import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.read.GangBelowMinimum;
import dev.sluice.k8s.resource.PodGroupResource;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rule for gangs that run below their minimum ({@link GangBelowMinimum}): a distributed job cannot make progress
 * with fewer workers than its minimum, so a gang that stays below it for the grace period is stale and its remaining
 * pods are evicted ({@link StaleGangEvictions}); one back at its minimum before then is left alone and forgotten.
 *
 * <p>When a gang went below is remembered here and kept where the API server keeps it too: in its PodGroup's
 * condition {@value PodGroupStatuses#BELOW_MINIMUM}, whose {@code lastTransitionTime} is that moment. A scheduler that
 * starts (after a restart, or as the new leader) reads it back from there and the grace goes on where it was. A gang
 * without a PodGroup (the pods of a Job, a JobSet or a PyTorchJob) has that moment in this scheduler's memory only:
 * after a restart its grace starts again, which delays its eviction by at most one grace period and never hastens it.
 */
final class StaleGangs {
  /** The reason code of a gang below its minimum while its grace runs. */
  static final String BELOW_CODE = "below-minimum";
  /** The reason code of a gang whose remaining pods are evicted because it stayed below its minimum. */
  static final String STALE_CODE = "stale-gang";

  /** What becomes of one gang below its minimum this cycle. */
  sealed interface Verdict permits Below, Stale {
    GangBelowMinimum gang();

    /** When it went below its minimum. */
    Instant since();
  }

  /**
   * Below its minimum, and stale at {@code deadline} unless back at it by then.
   *
   * @param news whether it was first seen below now (nothing remembered or recorded of it)
   */
  record Below(GangBelowMinimum gang, Instant since, Instant deadline, boolean news) implements Verdict {
    /** E.g. {@code gang ns/job/train below its minimum: 3 of 4 running since T; its running pods are evicted at T' unless ...}. */
    String message() {
      return "gang " + gang.gang().id() + " below its minimum: " + gang.howMany() + " since " + since + "; its running pods are evicted at "
          + deadline + " unless it is back at its minimum by then";
    }
  }

  /** Below its minimum for the grace period or longer: its running pods are evicted. */
  record Stale(GangBelowMinimum gang, Instant since, Duration below) implements Verdict {
    /** E.g. {@code gang ns/job/train below its minimum: 3 of 4 running for 60s; its 3 running pods are evicted}. */
    String message() {
      return "gang " + gang.gang().id() + " below its minimum: " + gang.howMany() + " for " + below.toSeconds() + "s; its "
          + gang.running().size() + " running pods are evicted";
    }
  }

  private final Duration grace;
  private final Map<String, Instant> since = new HashMap<>();

  StaleGangs(Duration grace) {
    if (grace.isNegative()) throw new IllegalArgumentException("grace must be >= 0, was " + grace);
    this.grace = grace;
  }

  /**
   * The verdict on each gang below its minimum now, in the order given; gangs not among them are forgotten.
   *
   * @param recorded when the API server says the gang went below (its PodGroup's condition), if it says so
   */
  List<Verdict> judge(List<GangBelowMinimum> gangs, Function<Gang, Optional<Instant>> recorded, Instant now) {
    since.keySet().retainAll(gangs.stream().map(g -> g.gang().id()).collect(Collectors.toSet()));
    var verdicts = new ArrayList<Verdict>(gangs.size());
    for (var gang : gangs) {
      var remembered = Optional.ofNullable(since.get(gang.gang().id()));
      var known = remembered.or(() -> recorded.apply(gang.gang()).filter(t -> !t.isAfter(now)));
      var from = known.orElse(now);
      since.put(gang.gang().id(), from);
      var deadline = from.plus(grace);
      verdicts.add(now.isBefore(deadline) ? new Below(gang, from, deadline, known.isEmpty())
          : new Stale(gang, from, Duration.between(from, now)));
    }
    return verdicts;
  }

  /** When the PodGroup's status says its gang went below its minimum (a True {@value PodGroupStatuses#BELOW_MINIMUM} condition). */
  static Optional<Instant> recordedSince(PodGroupResource group) {
    var status = group.getStatus();
    if (status == null || status.conditions() == null) return Optional.empty();
    return status.conditions().stream()
        .filter(c -> PodGroupStatuses.BELOW_MINIMUM.equals(c.getType()) && "True".equals(c.getStatus()) && BELOW_CODE.equals(c.getReason()))
        .map(c -> c.getLastTransitionTime())
        .flatMap(t -> parse(t).stream())
        .findFirst();
  }

  private static Optional<Instant> parse(String time) {
    if (time == null) return Optional.empty();
    try {
      return Optional.of(Instant.parse(time));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
