package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link DeservedQuotaPropertiesTest}'s two properties over a whole range of seeds, for hunting counterexamples beyond
 * the build's random tries: `scripts/guarantee-sweep.sh FROM TO`. Not a `*Test`, so the build does not run it.
 */
class DeservedQuotaSweep {
  @Test
  void everySeedOfTheRangeKeepsTheGuarantee() {
    long from = Long.getLong("sweep.from", 1);
    long to = Long.getLong("sweep.to", 1_000);
    var properties = new DeservedQuotaPropertiesTest();
    var failures = new ArrayList<String>();
    for (long seed = from; seed < to && failures.size() < 10; seed++) {
      try {
        properties.aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(seed);
      } catch (AssertionError e) {
        failures.add("world " + seed + " waits: " + e.getMessage().lines().findFirst().orElse(""));
      }
      try {
        properties.cyclesRunOnTheirOwnResultsSettleAndNoReclaimIsReversed(seed);
      } catch (AssertionError e) {
        failures.add("world " + seed + " does not settle: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    System.out.println("sweep seeds " + from + ".." + (to - 1) + ": " + failures.size() + " failures");
    assertThat(failures).isEmpty();
  }
}
