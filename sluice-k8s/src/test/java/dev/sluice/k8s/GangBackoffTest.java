package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GangBackoffTest {
  private static final String GANG = "ns/podgroup/llm";
  private final GangBackoff backoff = new GangBackoff(Duration.ofSeconds(10));
  private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aGangTakenBackWaitsTheFirstWaitWithTheReasonNamingIt() {
    var hold = backoff.failed(GANG, "gang ns/podgroup/llm needed 3 pods bound at once and 2 were", start);
    assertThat(hold.code()).isEqualTo("bind-failed");
    assertThat(hold.message()).isEqualTo("gang ns/podgroup/llm needed 3 pods bound at once and 2 were; it is tried again in 10 s");
    assertThat(backoff.holds(start.plusSeconds(9))).containsOnlyKeys(GANG);
    assertThat(backoff.holds(start.plusSeconds(10))).isEmpty();
  }

  @Test
  void eachFailureInARowDoublesTheWaitUpToThirtyTwoTimesTheFirst() {
    var now = start;
    for (int i = 0; i < 7; i++) {
      var hold = backoff.failed(GANG, "why", now);
      long seconds = 10L << Math.min(i, 5);
      assertThat(hold.message()).endsWith("in " + seconds + " s");
      now = now.plusSeconds(seconds);
    }
  }

  @Test
  void aGangThatBindsWholeOrDoesNotFailAgainForAWhileStartsAfresh() {
    backoff.failed(GANG, "why", start);
    backoff.bound(GANG);
    assertThat(backoff.holds(start)).isEmpty();
    assertThat(backoff.failed(GANG, "why", start).message()).endsWith("in 10 s");
    assertThat(backoff.failed(GANG, "why", start.plusSeconds(10)).message()).endsWith("in 20 s");
    assertThat(backoff.failed(GANG, "why", start.plusSeconds(71)).message()).as("more than twice 20 s after the last wait ended")
        .endsWith("in 10 s");
  }
}
