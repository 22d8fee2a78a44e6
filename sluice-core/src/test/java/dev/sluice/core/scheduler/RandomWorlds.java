package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random small worlds for property tests: a few nodes of two GPU models, a two-level queue tree with
 * quotas on CPU, memory, GPU and sometimes one GPU model, and workloads of every kind. Some workloads are
 * already running: a first cycle placed them, and the clock has moved on.
 */
final class RandomWorlds {
  static final List<String> MODELS = List.of("A100", "H100");
  private static final List<PriorityClass> PRIORITIES = List.of(PriorityClass.TRAIN, PriorityClass.INTERACTIVE, PriorityClass.BUILD);

  private RandomWorlds() {
  }

  static SchedulerSnapshot world(long seed) {
    return world(seed, false);
  }

  /**
   * The world of {@code seed} ({@link #world(long)}) where some queues, leaves and parents, cap their running workloads
   * at 0 to 3 from the first cycle on; before the second, some caps are lowered by one and some queues capped anew, so
   * that a few queues run above their cap to begin with.
   */
  static SchedulerSnapshot cappedWorld(long seed) {
    return world(seed, true);
  }

  private static SchedulerSnapshot world(long seed, boolean capped) {
    var random = new SplittableRandom(seed);
    var nodes = nodes(random);
    var uncapped = queues(random);
    // Caps draw from their own generator: the worlds of the other properties stay as they are.
    var capRandom = new SplittableRandom(~seed);
    var queues = capped ? withCaps(uncapped, capRandom, 0) : uncapped;
    var leaves = leaves(queues);
    var usage = UsageHistory.empty(0, Duration.ofHours(1));
    for (var leaf : leaves) if (random.nextInt(3) == 0) usage = usage.plus(queues, leaf, random.nextInt(1, 1000), 0);
    var first = workloads(random, leaves, 0, random.nextInt(1, 10), "w");
    var start = SchedulerSnapshot.of(nodes, List.of(), first, queues, usage, 0);
    var later = start.after(new Scheduler(SchedulerConfig.defaults()).cycle(start)).at(30 * Scenario.MINUTE);
    var pending = new ArrayList<>(later.pending());
    pending.addAll(workloads(random, leaves, 30 * Scenario.MINUTE, random.nextInt(1, 10), "x"));
    var laterQueues = capped ? withCaps(queues, capRandom, 1) : queues;
    return new SchedulerSnapshot(later.cluster(), later.running(), pending, laterQueues, usage, later.now());
  }

  /** The queues, each capped at 0 to 3 running workloads with chance 1/2, or its cap lowered by up to {@code lower}. */
  private static QueueTree withCaps(QueueTree queues, SplittableRandom random, int lower) {
    var specs = new ArrayList<QueueSpec>();
    for (var name : queues.names()) {
      var spec = queues.queue(name).orElseThrow();
      if (spec.capsRunning()) {
        specs.add(spec.withMaxRunningWorkloads(Math.max(0, spec.maxRunningWorkloads() - random.nextInt(lower + 1))));
      } else {
        specs.add(random.nextBoolean() ? spec.withMaxRunningWorkloads(random.nextInt(4)) : spec);
      }
    }
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Node> nodes(SplittableRandom random) {
    var nodes = new ArrayList<Node>();
    int count = random.nextInt(1, 5);
    for (int i = 0; i < count; i++) {
      var model = MODELS.get(random.nextInt(MODELS.size()));
      nodes.add(Node.uniform("n" + i, random.nextInt(8, 65) * 1000L, random.nextInt(64, 513) * 1024L, random.nextInt(1, 9), model));
    }
    return nodes;
  }

  private static QueueTree queues(SplittableRandom random) {
    var specs = new ArrayList<QueueSpec>();
    int departments = random.nextInt(1, 4);
    for (int d = 0; d < departments; d++) {
      var quotas = quotas(random, 16);
      specs.add(new QueueSpec("d" + d, null, random.nextInt(2), quotas));
      if (random.nextBoolean()) {
        for (int p = 0; p < 2; p++) specs.add(new QueueSpec("d" + d + "p" + p, "d" + d, 0, half(quotas)));
      }
    }
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Dimension, Quota> quotas(SplittableRandom random, int maxGpus) {
    var quotas = new HashMap<Dimension, Quota>();
    quotas.put(Dimension.GPU, quota(random, random.nextInt(maxGpus + 1) * 1000L));
    quotas.put(Dimension.CPU, quota(random, random.nextInt(0, 64) * 1000L));
    quotas.put(Dimension.MEMORY, quota(random, random.nextInt(0, 256) * 1024L));
    if (random.nextInt(3) == 0) quotas.put(Dimension.gpu(MODELS.get(random.nextInt(2))), quota(random, random.nextInt(5) * 1000L));
    return quotas;
  }

  private static Quota quota(SplittableRandom random, long deserved) {
    long limit = random.nextInt(4) == 0 ? deserved + random.nextInt(4) * 1000L : Quota.UNLIMITED;
    return new Quota(deserved, limit, random.nextInt(1, 3), Quota.UNLIMITED);
  }

  private static Map<Dimension, Quota> half(Map<Dimension, Quota> parent) {
    var half = new HashMap<Dimension, Quota>();
    parent.forEach((dimension, quota) -> half.put(dimension, new Quota(quota.deserved() / 2, quota.limit(), 1, Quota.UNLIMITED)));
    return half;
  }

  static List<String> leaves(QueueTree queues) {
    var leaves = new ArrayList<String>();
    var stack = new ArrayList<>(queues.roots());
    while (!stack.isEmpty()) {
      var queue = stack.removeLast();
      if (queues.isLeaf(queue)) leaves.add(queue);
      stack.addAll(queues.children(queue));
    }
    leaves.sort(String::compareTo);
    return leaves;
  }

  private static List<Workload> workloads(SplittableRandom random, List<String> leaves, long now, int count, String prefix) {
    var workloads = new ArrayList<Workload>();
    for (int i = 0; i < count; i++) {
      var id = prefix + i;
      int size = random.nextInt(1, 4);
      var pods = new ArrayList<PodRequest>();
      var shape = pod(random);
      for (int p = 0; p < size; p++) pods.add(shape.renamed(id + "-" + p));
      var runtimes = new Runtimes(random.nextInt(3) * 20 * Scenario.MINUTE, random.nextInt(3) * 30 * Scenario.MINUTE,
          random.nextInt(3) * 25 * Scenario.MINUTE);
      workloads.add(new Workload(id, leaves.get(random.nextInt(leaves.size())), "u" + random.nextInt(2), pods,
          random.nextInt(1, size + 1), PRIORITIES.get(random.nextInt(PRIORITIES.size())), random.nextBoolean(),
          now - random.nextInt(10), runtimes));
    }
    return workloads;
  }

  private static PodRequest pod(SplittableRandom random) {
    var models = random.nextInt(3) == 0 ? Set.of(MODELS.get(random.nextInt(2))) : Set.<String>of();
    return switch (random.nextInt(4)) {
      case 0 -> new PodRequest("p", random.nextInt(1, 8) * 1000L, 4096, 0, 0, Set.of());
      case 1 -> new PodRequest("p", random.nextInt(1, 8) * 1000L, 8192, 1, random.nextInt(1, 10) * 100, models);
      default -> new PodRequest("p", random.nextInt(1, 16) * 1000L, 16384, random.nextInt(1, 5), 1000, models);
    };
  }
}
