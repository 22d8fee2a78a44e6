package dev.sluice.bench;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TargetWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: fills a synthetic 1,200-node heterogeneous cluster with 10,000 seeded pods (fractions, whole GPUs,
 * multi-GPU and CPU-only) under each policy; one operation is the whole fill.
 * Run: {@code java -cp sluice-cli/target/sluice.jar org.openjdk.jmh.Main PlacementBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlacementBenchmark {
  @Param({"fgd", "bestfit", "packing"})
  public String policy;

  private List<Node> nodes;
  private List<PodRequest> pods;
  private TargetWorkload workload;

  @Setup
  public void setUp() {
    var random = new SplittableRandom(7);
    nodes = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      nodes.add(switch (i % 4) {
        case 0 -> Node.uniform("g2-" + i, 96_000, 393_216, 8, "G2");
        case 1 -> Node.uniform("t4-" + i, 104_000, 524_288, 2, "T4");
        case 2 -> Node.uniform("p100-" + i, 16_000, 122_880, 2, "P100");
        default -> Node.uniform("v100-" + i, 32_000, 131_072, 4, "V100M16");
      });
    }
    pods = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) pods.add(randomPod("p" + i, random));
    workload = TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
  }

  private static PodRequest randomPod(String name, SplittableRandom random) {
    int kind = random.nextInt(100);
    long cpu = 1000L * (1 + random.nextInt(16));
    if (kind < 12) return new PodRequest(name, cpu, 4096, 0, 0, Set.of());
    if (kind < 50) return new PodRequest(name, cpu, 8192, 1, 100 * (1 + random.nextInt(9)), Set.of());
    if (kind < 97) return new PodRequest(name, cpu, 16384, 1, 1000, Set.of());
    return new PodRequest(name, cpu * 4, 65536, 1 << (1 + random.nextInt(3)), 1000, Set.of());
  }

  @Benchmark
  public long fillCluster() {
    var cluster = new ClusterState(nodes);
    var placer = new Placer(PlacementPolicies.named(policy, workload, new SplittableRandom(1)), cluster);
    for (var pod : pods) {
      if (placer.decide(pod) instanceof Decision.Placed placed) {
        cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
      }
    }
    return cluster.allocatedGpuMilli();
  }
}
