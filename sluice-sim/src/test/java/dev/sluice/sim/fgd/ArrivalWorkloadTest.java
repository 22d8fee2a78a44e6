package dev.sluice.sim.fgd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalWorkloadTest {
  private static List<PodRequest> trace() {
    var pods = new ArrayList<PodRequest>();
    for (int i = 0; i < 40; i++) {
      pods.add(new PodRequest(String.format("p%02d", i), 1000, 1024, i % 5 == 0 ? 0 : 1, i % 5 == 0 ? 0 : 250 * (1 + i % 4), Set.of()));
    }
    pods.add(new PodRequest("big", 1000, 1024, 8, 1000, Set.of()));
    return pods;
  }

  @Test
  void everyOriginalArrivesOnceThenClonesUpToTheTarget() {
    var pods = trace();
    long capacity = 40_000; // the trace asks for 28,000 milli; the target is 52,000

    var arrivals = ArrivalWorkload.of(pods, capacity, 1.3, new SplittableRandom(42));

    assertThat(arrivals.subList(0, pods.size())).containsExactlyInAnyOrderElementsOf(pods);
    var clones = arrivals.subList(pods.size(), arrivals.size());
    assertThat(clones).isNotEmpty().allMatch(p -> p.name().matches("(p\\d\\d|big)-tuned-\\d+"));
    long total = arrivals.stream().mapToLong(PodRequest::totalGpuMilli).sum();
    assertThat(total).isLessThanOrEqualTo(52_000).isGreaterThan(52_000 - 8_000);
  }

  @Test
  void theSeedFixesTheSequence() {
    var pods = trace();

    var once = ArrivalWorkload.of(pods, 40_000, 1.3, new SplittableRandom(7));
    var again = ArrivalWorkload.of(pods, 40_000, 1.3, new SplittableRandom(7));
    var other = ArrivalWorkload.of(pods, 40_000, 1.3, new SplittableRandom(8));

    assertThat(again).isEqualTo(once);
    assertThat(other.subList(0, pods.size())).isNotEqualTo(once.subList(0, pods.size()));
  }

  @Test
  void aWorkloadAboveTheTargetLosesRandomPods() {
    var arrivals = ArrivalWorkload.of(trace(), 10_000, 1.0, new SplittableRandom(1));

    assertThat(arrivals.stream().mapToLong(PodRequest::totalGpuMilli).sum()).isLessThanOrEqualTo(10_000);
    assertThat(arrivals).noneMatch(p -> p.name().contains("tuned"));
  }
}
