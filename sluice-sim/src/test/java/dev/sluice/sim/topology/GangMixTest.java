package dev.sluice.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.TracePod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GangMixTest {
  /** Multi-GPU pods of 2, 4 and 8 GPUs living 10, 30 and 60 minutes; a fraction, a CPU-only pod and one without times. */
  static final List<TracePod> TRACE = List.of(
      pod("two", 2, 16_000, 0, 600), pod("four", 4, 32_000, 100, 1_900), pod("eight", 8, 64_000, 200, 3_800),
      new TracePod(new PodRequest("share", 4_000, 8_192, 1, 500, Set.of()), "LS", 0, 0, 50),
      pod("cpu", 0, 4_000, 0, 50), pod("running", 8, 64_000, 300, TracePod.ABSENT));

  private static TracePod pod(String name, int gpus, long cpu, long created, long deleted) {
    var request = new PodRequest(name, cpu, 65_536, gpus, gpus == 0 ? 0 : 1_000, Set.of());
    return new TracePod(request, "LS", created, created, deleted);
  }

  @Test
  void templatesAreTheWholeMultiGpuPodsWithALifetime() {
    assertThat(GangMix.templates(TRACE)).extracting(p -> p.request().name()).containsExactly("two", "four", "eight");
  }

  @Test
  void gangsCopyATemplateAreSizedInBoundsAndArriveAtTheOfferedLoad() {
    var fleet = RackFleet.of(16, 16, 8, 4);
    var gangs = new GangMix(3_000, 2, 32, 0.8, 3_000, 11).draw(TRACE, fleet);

    assertThat(gangs).hasSize(3_000);
    assertThat(gangs.getFirst().arrival()).isZero();
    for (int i = 0; i < gangs.size(); i++) {
      var g = gangs.get(i);
      assertThat(g.id()).isEqualTo(i);
      assertThat(g.size()).isBetween(2, 32);
      assertThat(g.runtime()).as("capped at 3000 s").isIn(600L, 1_800L, 3_000L);
      if (i > 0) assertThat(g.arrival()).isGreaterThanOrEqualTo(gangs.get(i - 1).arrival());
    }
    double gpuSeconds = gangs.stream().mapToDouble(g -> (double) g.gpus() * g.runtime()).sum();
    double offered = gpuSeconds / (fleet.gpus() * (double) gangs.getLast().arrival());
    assertThat(offered).as("a Poisson process of 3000 arrivals keeps near its rate").isCloseTo(0.8, within(0.05));
    long small = gangs.stream().filter(g -> g.size() <= 3).count();
    long large = gangs.stream().filter(g -> g.size() >= 16 && g.size() <= 31).count();
    assertThat((double) small / large).as("log-uniform: as many of 2-3 as of 16-31").isCloseTo(1.0, within(0.2));
  }

  @Test
  void theSameSeedDrawsTheSameGangsAndAnotherDoesNot() {
    var fleet = RackFleet.of(4, 4, 8, 2);
    var mix = new GangMix(50, 2, 8, 0.9, 3_600, 5);

    assertThat(mix.draw(TRACE, fleet)).isEqualTo(mix.draw(TRACE, fleet))
        .isNotEqualTo(new GangMix(50, 2, 8, 0.9, 3_600, 6).draw(TRACE, fleet));
  }

  @Test
  void aTraceWithoutMultiGpuPodsOrWithPodsTooBigForANodeIsRefused() {
    var fleet = RackFleet.of(2, 2, 4, 1);
    var mix = new GangMix(5, 2, 4, 0.9, 3_600, 1);

    assertThatIllegalArgumentException().isThrownBy(() -> mix.draw(TRACE.subList(3, 6), fleet)).withMessageContaining("no pod with 2");
    assertThatIllegalArgumentException().isThrownBy(() -> mix.draw(TRACE, fleet)).withMessageContaining("eight fits no node");
  }
}
