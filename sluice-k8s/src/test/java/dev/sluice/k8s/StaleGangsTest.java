package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.TopologyConstraint;
import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.read.GangBelowMinimum;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.write.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stale-gang rule on its own: when a gang below its minimum is left alone, and when its pods go. */
class StaleGangsTest {
  private static final Duration GRACE = Duration.ofSeconds(60);
  private final Instant start = Instant.parse("2026-12-01T10:00:00Z");
  private final StaleGangs rule = new StaleGangs(GRACE);

  private static GangBelowMinimum below(String name, int running, int min) {
    List<Pod> pods = IntStream.range(0, running)
        .mapToObj(i -> new PodBuilder().withNewMetadata().withNamespace("ns").withName(name + "-" + i).endMetadata().build()).toList();
    var gang = new Gang("ns/podgroup/" + name, "ns", name, pods, min, "default", new PriorityClass("p", 0), false, 0, TopologyConstraint.NONE, null);
    return new GangBelowMinimum(gang, pods, 0);
  }

  private List<StaleGangs.Verdict> judge(Instant now, GangBelowMinimum... gangs) {
    return rule.judge(List.of(gangs), g -> Optional.empty(), now);
  }

  @Test
  void aGangBelowItsMinimumWaitsOutTheGraceAndIsStaleWhenItEnds() {
    var llm = below("llm", 3, 4);
    assertThat(judge(start, llm)).singleElement().isInstanceOfSatisfying(StaleGangs.Below.class, b -> {
      assertThat(b.since()).isEqualTo(start);
      assertThat(b.deadline()).isEqualTo(start.plus(GRACE));
      assertThat(b.news()).isTrue();
      assertThat(b.message()).isEqualTo("gang ns/podgroup/llm below its minimum: 3 of 4 running since 2026-12-01T10:00:00Z; its running pods"
          + " are evicted at 2026-12-01T10:01:00Z unless it is back at its minimum by then");
    });
    assertThat(judge(start.plusSeconds(59), llm)).singleElement().isInstanceOfSatisfying(StaleGangs.Below.class,
        b -> assertThat(b.news()).as("seen before").isFalse());
    assertThat(judge(start.plus(GRACE), llm)).singleElement().isInstanceOfSatisfying(StaleGangs.Stale.class,
        s -> assertThat(s.message()).isEqualTo("gang ns/podgroup/llm below its minimum: 3 of 4 running for 60s; its 3 running pods are evicted"));
  }

  @Test
  void aGangBackAtItsMinimumIsForgottenAndGoingBelowAgainStartsAFreshGrace() {
    var llm = below("llm", 3, 4);
    judge(start, llm);
    judge(start.plusSeconds(30));
    assertThat(judge(start.plusSeconds(70), llm)).singleElement().isInstanceOfSatisfying(StaleGangs.Below.class,
        b -> assertThat(b.since()).isEqualTo(start.plusSeconds(70)));
  }

  @Test
  void eachGangHasItsOwnGraceInTheOrderGiven() {
    judge(start, below("a", 1, 2));
    var verdicts = judge(start.plusSeconds(60), below("a", 1, 2), below("b", 2, 3));
    assertThat(verdicts).extracting(v -> v.getClass().getSimpleName() + " " + v.gang().gang().podGroup()).containsExactly("Stale a", "Below b");
  }

  @Test
  void aGraceOfZeroMakesAGangStaleAtOnce() {
    assertThat(new StaleGangs(Duration.ZERO).judge(List.of(below("llm", 1, 2)), g -> Optional.empty(), start))
        .singleElement().isInstanceOf(StaleGangs.Stale.class);
    assertThatThrownBy(() -> new StaleGangs(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSchedulerThatStartsGoesOnFromWhenThePodGroupSaysItsGangWentBelow() {
    var group = new PodGroupResource();
    group.setStatus(new PodGroupResource.Status("Running", List.of(
        Conditions.of("Scheduled", true, "Scheduled", "4 pods bound", start.minusSeconds(600)),
        Conditions.of(PodGroupStatuses.BELOW_MINIMUM, true, StaleGangs.BELOW_CODE, "gang below its minimum", start)), null));
    assertThat(StaleGangs.recordedSince(group)).contains(start);

    var newLeader = new StaleGangs(GRACE);
    var verdicts = newLeader.judge(List.of(below("llm", 3, 4)), g -> StaleGangs.recordedSince(group), start.plusSeconds(60));
    assertThat(verdicts).singleElement().isInstanceOfSatisfying(StaleGangs.Stale.class,
        s -> assertThat(s.since()).as("not a fresh grace").isEqualTo(start));
  }

  @Test
  void aRecordedMomentThatIsNotBelowMinimumOrInTheFutureIsNotBelieved() {
    var group = new PodGroupResource();
    group.setStatus(new PodGroupResource.Status("Pending", List.of(
        Conditions.of("Scheduled", false, StaleGangs.STALE_CODE, "evicted", start.minusSeconds(600))), null));
    assertThat(StaleGangs.recordedSince(group)).isEmpty();

    var later = start.plusSeconds(3600);
    assertThat(rule.judge(List.of(below("llm", 3, 4)), g -> Optional.of(later), start)).singleElement()
        .isInstanceOfSatisfying(StaleGangs.Below.class, b -> assertThat(b.since()).isEqualTo(start));
  }
}
