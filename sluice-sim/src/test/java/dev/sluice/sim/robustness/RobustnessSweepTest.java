package dev.sluice.sim.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.TracePod;
import dev.sluice.sim.variant.PodMix;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RobustnessSweepTest {
  /** 80 GPUs: no pod asks more than 2, so arrivals step by at most 2.5 % and always land near 100 %. */
  private static final List<Node> NODES = nodes();

  private static List<Node> nodes() {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < 5; i++) nodes.add(Node.uniform("t" + i, 48000, 1 << 20, 8, "T4"));
    for (int i = 0; i < 5; i++) nodes.add(Node.uniform("v" + i, 96000, 1 << 20, 8, "V100"));
    return nodes;
  }

  private static List<TracePod> source() {
    var pods = new ArrayList<TracePod>();
    for (int i = 0; i < 10; i++) {
      pods.add(pod("c" + i, 2000, 0, 0));
      pods.add(pod("s" + i, 3000, 1, 300 + 50 * i));
      pods.add(pod("o" + i, 6000, 1, 1000));
      pods.add(pod("m" + i, 12000 + 4000 * (i % 3), 2, 1000));
    }
    return pods;
  }

  private static TracePod pod(String name, long cpu, int gpus, int milli) {
    return new TracePod(new PodRequest(name, cpu, 0, gpus, milli, Set.of()), "LS", 0, 0, TracePod.ABSENT);
  }

  private static PointResult sweep(String policy, String baseline) throws InterruptedException {
    return new RobustnessSweep(NODES, source(), policy, baseline, 2, List.of(1L, 2L, 3L), 1.3, true)
        .run(new PodMix(0.2, 0.4, 0.3, 0.2), 1);
  }

  @Test
  void aPolicyAgainstItselfIsATieOnEveryPair() throws InterruptedException {
    var result = sweep("fgd", "fgd");

    assertThat(result.pairs()).isEqualTo(2 * 3);
    assertThat(result.meanDifference()).isZero();
    assertThat(result.wins()).isZero();
    assertThat(result.policyUnallocated()).isEqualTo(result.baselineUnallocated());
  }

  @Test
  void theBoundIsNeverAbovePoliciesAndTheSameInputGivesTheSameResult() throws InterruptedException {
    var result = sweep("bestfit", "fgd");

    assertThat(result.boundUnallocated()).isLessThanOrEqualTo(result.baselineUnallocated())
        .isLessThanOrEqualTo(result.policyUnallocated());
    assertThat(sweep("bestfit", "fgd")).isEqualTo(result);
  }
}
