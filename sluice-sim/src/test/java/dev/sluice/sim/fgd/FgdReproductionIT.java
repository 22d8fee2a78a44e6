package dev.sluice.sim.fgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.sim.trace.NodeListReader;
import dev.sluice.sim.trace.PodListReader;
import dev.sluice.sim.trace.TracePod;
import java.util.Comparator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The FGD paper's headline experiment on the default Alibaba trace: each of the six policies leaves, at
 * arrived = 100 %, within half a point of the published unallocated GPU % (median of seeds 42–51), and the
 * policies keep the published order.
 */
class FgdReproductionIT {
  private static final double TOLERANCE = 0.5;

  @Test
  void sixPoliciesReproduceThePublishedUnallocatedShareAndOrder() throws Exception {
    var nodes = NodeListReader.read(SharedTraces.alibaba2023("openb_node_list_gpu_node.csv"));
    var pods = PodListReader.read(SharedTraces.alibaba2023("openb_pod_list_default.csv")).stream()
        .map(TracePod::request).toList();
    var seeds = LongStream.rangeClosed(42, 51).boxed().toList();
    var experiment = new FgdExperiment(nodes, pods, PlacementPolicies.FGD_PAPER, seeds, 1.3);

    var medians = experiment.run(Runtime.getRuntime().availableProcessors(), false, (p, s) -> { }).medians();

    for (var policy : PlacementPolicies.FGD_PAPER) {
      double published = PublishedResults.unallocatedAt100("default", policy).orElseThrow();
      assertThat(medians.get(policy).unallocatedPct(100)).as(policy).isCloseTo(published, within(TOLERANCE));
    }
    var byOurs = PlacementPolicies.FGD_PAPER.stream()
        .sorted(Comparator.comparingDouble(p -> -medians.get(p).unallocatedPct(100))).toList();
    assertThat(byOurs).as("policies from most to least unallocated").isEqualTo(PlacementPolicies.FGD_PAPER);
  }
}
