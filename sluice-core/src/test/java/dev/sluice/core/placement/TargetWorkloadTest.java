package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetWorkloadTest {
  private static List<PodRequest> pods(int count, long cpu, int gpus, int milli) {
    var pods = new ArrayList<PodRequest>();
    for (int i = 0; i < count; i++) pods.add(new PodRequest("p" + cpu + "-" + gpus + "-" + milli + "-" + i, cpu, i, gpus, milli, Set.of()));
    return pods;
  }

  @Test
  void theMostFrequentKindsCoveringTheShareAreKeptAndRenormalised() {
    var all = new ArrayList<PodRequest>();
    all.addAll(pods(60, 4_000, 1, 500));
    all.addAll(pods(30, 8_000, 1, 1000));
    all.addAll(pods(6, 2_000, 0, 0));
    all.addAll(pods(4, 1_000, 2, 1000));

    var workload = TargetWorkload.of(all, 0.95);

    // 60 + 30 = 90 < 95; + 6 = 96 >= 95: three kinds, probabilities over 96 pods
    assertThat(workload.kinds()).extracting(PodKind::cpuMilli).containsExactly(4_000L, 8_000L, 2_000L);
    assertThat(workload.kinds().getFirst().probability()).isCloseTo(60.0 / 96, within(1e-12));
    assertThat(workload.kinds().stream().mapToDouble(PodKind::probability).sum()).isCloseTo(1, within(1e-12));
    // the whole table keeps the rare kind, each with its share of all 100 pods
    assertThat(workload.allKinds()).extracting(PodKind::cpuMilli).containsExactly(4_000L, 8_000L, 2_000L, 1_000L);
    assertThat(workload.allKinds()).extracting(PodKind::probability).containsExactly(0.6, 0.3, 0.06, 0.04);
  }

  @Test
  void memoryDoesNotSplitKindsAndEqualCountsGoByDescendingKey() {
    var all = new ArrayList<PodRequest>();
    all.addAll(pods(5, 1_000, 1, 300));
    all.addAll(pods(5, 2_000, 1, 300));

    var workload = TargetWorkload.of(all, 1.0);

    assertThat(workload.kinds()).extracting(PodKind::cpuMilli).containsExactly(2_000L, 1_000L);
    assertThat(workload.kinds()).extracting(PodKind::probability).containsExactly(0.5, 0.5);
  }
}
