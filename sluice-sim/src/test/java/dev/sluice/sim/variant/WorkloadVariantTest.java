package dev.sluice.sim.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadVariantTest {
  /** 100 pods of each kind: CPU-only 4 cores; sharing 500 milli, 2 cores; one GPU, 8 cores; 4 GPUs, 32 cores. */
  private static final List<TracePod> SOURCE = source();
  /** Two 8-GPU V100 nodes and six 2-GPU T4 nodes: 16 GPUs each, so an untied one-GPU pod draws either evenly. */
  private static final List<Node> NODES = nodes();

  private static List<TracePod> source() {
    var pods = new ArrayList<TracePod>();
    for (int i = 0; i < 100; i++) {
      pods.add(pod("c" + i, 4000, 0, 0));
      pods.add(pod("s" + i, 2000, 1, 500));
      pods.add(pod("o" + i, 8000, 1, 1000));
      pods.add(pod("m" + i, 32000, 4, 1000));
    }
    return List.copyOf(pods);
  }

  private static TracePod pod(String name, long cpu, int gpus, int milli) {
    return new TracePod(new PodRequest(name, cpu, 1024, gpus, milli, Set.of()), "LS", 0, 0, TracePod.ABSENT);
  }

  private static List<Node> nodes() {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < 2; i++) nodes.add(Node.uniform("v" + i, 96000, 1 << 20, 8, "V100"));
    for (int i = 0; i < 6; i++) nodes.add(Node.uniform("t" + i, 64000, 1 << 20, 2, "T4"));
    return nodes;
  }

  private static List<TracePod> vary(PodMix target, long seed) {
    return WorkloadVariant.of(SOURCE, target, NODES, new SplittableRandom(seed));
  }

  /** The requests with their names left out, to compare pods by what they ask. */
  private static List<PodRequest> unnamed(List<TracePod> pods) {
    return pods.stream().map(p -> p.request().renamed("")).toList();
  }

  private static PodMix mixOf(List<TracePod> pods) {
    return PodMix.of(pods.stream().map(TracePod::request).toList());
  }

  @Test
  void theSourceMixIsMeasuredAsWorkedOut() {
    // GPU milli: 50,000 sharing + 100,000 one-GPU + 400,000 multi = 550,000; CPU: 400 cores CPU-only of 4,600
    var mix = mixOf(SOURCE);

    assertThat(mix.sharingShare()).isCloseTo(50.0 / 550, within(1e-12));
    assertThat(mix.multiGpuShare()).isCloseTo(400.0 / 550, within(1e-12));
    assertThat(mix.cpuShare()).isCloseTo(400.0 / 4600, within(1e-12));
    assertThat(mix.gpuSpecShare()).isZero();
  }

  @Test
  void hitsTheTargetMixWithinOnePod() {
    var target = new PodMix(0.5, 0.3, 0.2, 0.25);

    var variant = vary(target, 7);
    var mix = mixOf(variant);

    // budgets: 550,000 milli in all; the last pod that did not fit leaves at most its size short
    assertThat(mix.sharingShare()).isCloseTo(0.3, within(0.002));
    assertThat(mix.multiGpuShare()).isCloseTo(0.2, within(0.01));
    assertThat(mix.cpuShare()).isCloseTo(0.5, within(0.005));
    assertThat(mix.gpuSpecShare()).isCloseTo(0.25, within(0.002));
    long gpuMilli = variant.stream().mapToLong(p -> p.request().totalGpuMilli()).sum();
    assertThat(gpuMilli).isBetween(550_000L - 4_000 - 1_000 - 500, 550_000L);
  }

  @Test
  void theSameSeedGivesTheSameFileAndAnotherSeedAnother() {
    var target = new PodMix(0.3, 0.6, 0.1, 0.4);

    assertThat(vary(target, 11)).isEqualTo(vary(target, 11));
    assertThat(vary(target, 11)).isNotEqualTo(vary(target, 12));
  }

  @Test
  void theSourcesOwnMixGivesBackTheSourcePods() {
    // every pod is drawn once before any twice, and the budgets are the source's own totals
    var variant = vary(mixOf(SOURCE), 3);

    assertThat(variant).hasSize(SOURCE.size());
    assertThat(unnamed(variant)).containsExactlyInAnyOrderElementsOf(unnamed(SOURCE));
  }

  @Test
  void independentDrawsHitTheMixToo() {
    var target = new PodMix(0.5, 0.3, 0.2, 0);
    var independent = WorkloadVariant.of(SOURCE, target, NODES, WorkloadVariant.Sampling.INDEPENDENT, new SplittableRandom(9));

    assertThat(mixOf(independent).sharingShare()).isCloseTo(0.3, within(0.002));
    assertThat(mixOf(independent).cpuShare()).isCloseTo(0.5, within(0.005));
    assertThat(independent).isEqualTo(
        WorkloadVariant.of(SOURCE, target, NODES, WorkloadVariant.Sampling.INDEPENDENT, new SplittableRandom(9)));
  }

  @Test
  void tiedPodsNameAModelThatCanHostThem() {
    var variant = vary(new PodMix(0.1, 0.0, 0.5, 1.0), 5);

    for (var pod : variant) {
      var request = pod.request();
      if (request.gpuCount() == 0) assertThat(request.allowedGpuModels()).isEmpty();
      if (request.gpuCount() == 4) assertThat(request.allowedGpuModels()).containsExactly("V100");
      if (request.gpuCount() == 1) assertThat(request.allowedGpuModels()).hasSize(1);
    }
    long t4 = variant.stream().filter(p -> p.request().allowedGpuModels().equals(Set.of("T4"))).count();
    long oneGpu = variant.stream().filter(p -> p.request().gpuCount() == 1).count();
    assertThat((double) t4 / oneGpu).isCloseTo(0.5, within(0.15)); // 16 GPUs of each model can host one GPU
  }

  @Test
  void namesAreUniqueAndInTheOpenbPattern() {
    var variant = vary(new PodMix(0.2, 0.9, 0.1, 0), 1);

    assertThat(variant).extracting(p -> p.request().name()).doesNotHaveDuplicates()
        .allMatch(name -> name.matches("openb-pod-\\d{4,}"));
  }

  @Test
  void aKindTheSourceLacksIsAnError() {
    var gpuOnly = SOURCE.stream().filter(p -> p.request().gpuCount() > 0).toList();

    assertThatThrownBy(() -> WorkloadVariant.of(gpuOnly, new PodMix(0.2, 0.3, 0.2, 0), NODES, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU_ONLY");
  }

  @Test
  void sharesThatDoNotAddUpAreRejected() {
    assertThatThrownBy(() -> new PodMix(0.2, 0.7, 0.4, 0)).hasMessageContaining("at most 1");
    assertThatThrownBy(() -> new PodMix(1.2, 0.1, 0.1, 0)).hasMessageContaining("cpu share");
  }
}
