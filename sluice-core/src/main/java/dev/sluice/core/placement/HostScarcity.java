package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which kinds of GPU pod are running out of hosts, and how much of their expected demand a placement would
 * turn away.
 *
 * <p>For every GPU kind of the workload's whole table (rare kinds too), it keeps the cluster's <em>slots</em>:
 * how many more pods of the kind the nodes can take, by CPU and GPU room. It also estimates the kind's
 * <em>demand</em>: the pods still to come that need those slots, i.e. the kind and every kind that needs at
 * least as much (more GPUs, milli and CPU), counted in the kind's GPUs, assuming pods keep arriving until the
 * cluster's free GPU milli is requested (free milli / mean GPU milli per pod of the table) or its free CPU is,
 * whichever comes first (free CPU / mean CPU per pod, CPU-only pods included): pods beyond the free CPU find
 * no node wherever the pods before them went. A kind is
 * <em>scarce</em> when its slots do not exceed its demand: each slot lost is then a pod turned away.
 *
 * <p>A placement that takes slots of scarce kinds beyond what the pod itself uses costs the GPU milli of
 * the pods those slots would have held, averaged over the scarce kinds by their share of the workload.
 * While nothing is scarce (most of a run on most workloads) the cost is zero. The cost is what lets a rare
 * kind that only a few nodes can host (8 GPUs and 120 cores: only the 128-core nodes) keep its hosts once
 * they become as few as its expected pods.
 *
 * <p>A sharing pod is not charged for the GPU side of the slots it takes from <em>untied</em> kinds (kinds any
 * GPU model may host) while the cluster's GPUs run out before its CPU ({@link CpuPrice#cpuBinds}); for those it
 * costs only the slots its CPU takes. While GPUs bind, the milli a sharing pod takes is taken somewhere
 * whatever the choice; the choice decides which leftover stays, which FGD's F weighs for its target kinds, and
 * the slot count charges a cut GPU as a slot lost for every bigger untied kind whether or not its leftover is
 * used later. Charged, sharing pods lose the robustness grid's hardest mix (docs/placement.md, "The last
 * point"). Tied kinds, and every kind once CPU binds, stay charged in full: excusing them was measured to lose
 * (mixes with GPU-model ties, and CPU-bound ones), and they are the two ways a kind's hosts are limited by more
 * than GPU milli. Whole-GPU and CPU-only pods are always charged in full.
 */
final class HostScarcity {
  private final TargetWorkload workload;
  private final boolean sharingGpuExcused;
  private final PodKind[] kinds;
  /** Per kind: expected pods (in the kind's GPUs) that need its slots, per future pod of the workload. */
  private final double[] demandPerPod;
  private final double meanGpuMilliPerPod;
  private final double meanCpuMilliPerPod;
  private final Map<NodeState, long[]> slotsByState = new HashMap<>();
  private final long[] slots;
  private ClusterState cluster;
  private long capacityMilli;
  private int[] scarce = new int[0];
  private double scarceShare;
  private long version;
  /** Whether the cluster's CPU runs out before its GPUs; set by {@link #track}. */
  private boolean cpuBinds;
  /** The kinds scarce before or after the last change of the scarce set. */
  private int[] lastChanged = new int[0];

  /**
   * @param sharingGpuExcused do not charge a sharing pod for the GPU side of untied kinds' slots while GPUs
   *                          bind (see the class comment); off, every side counts against every scarce kind
   */
  HostScarcity(TargetWorkload workload, boolean sharingGpuExcused) {
    this.workload = workload;
    this.sharingGpuExcused = sharingGpuExcused;
    var gpuKinds = new ArrayList<PodKind>();
    for (var kind : workload.allKinds()) {
      if (kind.gpuCount() > 0) gpuKinds.add(kind);
    }
    this.meanGpuMilliPerPod = workload.meanGpuMilliPerPod();
    this.meanCpuMilliPerPod = workload.meanCpuMilliPerPod();
    this.kinds = gpuKinds.toArray(PodKind[]::new);
    this.slots = new long[kinds.length];
    this.demandPerPod = new double[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      for (var other : kinds) {
        if (needsAtLeast(other, kinds[i])) demandPerPod[i] += other.probability() * other.gpuCount() / kinds[i].gpuCount();
      }
    }
  }

  /** Starts counting slots on {@code cluster}, and follows its changes from now on. */
  void track(ClusterState cluster) {
    if (this.cluster == cluster) return;
    if (this.cluster != null) throw new IllegalStateException("a policy serves one cluster");
    this.cluster = cluster;
    this.cpuBinds = CpuPrice.cpuBinds(workload, cluster.nodes());
    for (int node = 0; node < cluster.nodeCount(); node++) {
      capacityMilli += (long) PodRequest.WHOLE_GPU * cluster.node(node).gpuCount();
      add(slotsOf(cluster.state(node)), +1);
    }
    cluster.onStateChanged((before, after) -> {
      add(slotsOf(before), -1);
      add(slotsOf(after), +1);
    });
  }

  /**
   * Works out again which kinds are scarce and returns a number that changes exactly when that set does
   * (so that every placer on the cluster sees the change, whichever asks first).
   */
  long refresh() {
    if (cluster == null || meanGpuMilliPerPod == 0) return version;
    double podsToCome = podsToCome();
    var next = new ArrayList<Integer>();
    double share = 0;
    for (int i = 0; i < kinds.length; i++) {
      if (isScarce(slots[i], demandPerPod[i] * podsToCome)) {
        next.add(i);
        share += kinds[i].probability();
      }
    }
    var nextScarce = next.stream().mapToInt(Integer::intValue).toArray();
    if (!Arrays.equals(nextScarce, scarce)) {
      version++;
      lastChanged = IntStream.concat(IntStream.of(scarce), IntStream.of(nextScarce)).distinct().toArray();
    }
    scarce = nextScarce;
    scarceShare = share;
    return version;
  }

  /** The pods still to come that can find room: until the free GPU milli or the free CPU is requested. */
  private double podsToCome() {
    double byGpu = (capacityMilli - cluster.allocatedGpuMilli()) / meanGpuMilliPerPod;
    return meanCpuMilliPerPod == 0 ? byGpu : Math.min(byGpu, cluster.freeCpuMilli() / meanCpuMilliPerPod);
  }

  /**
   * Scarce: some room is left and it is less than the demand. A kind with no room left has nothing to
   * protect. The margin keeps exact equality (slots = demand, as for the smallest one-GPU kind of a
   * workload of whole-GPU pods only on nodes with CPU to spare) from being decided by rounding.
   */
  private static boolean isScarce(long slots, double demand) {
    return slots > 0 && slots < demand * (1 - 1e-9);
  }

  /**
   * The GPU milli of scarce demand turned away if {@code pod} leaves {@code node} with {@code cpuAfter}
   * free CPU and {@code gpuAfter} free milli per GPU; 0 while no kind is scarce.
   */
  double lostMilli(NodeState node, PodShape pod, long cpuAfter, int[] gpuAfter) {
    if (scarce.length == 0) return 0;
    var before = slotsOf(node);
    boolean excusesGpu = pod.isSharing() && sharingGpuExcused && !cpuBinds;
    int[] gpuNow = excusesGpu ? node.freeGpuMilliPerGpu() : gpuAfter;
    double lost = 0;
    for (int i : scarce) {
      var kind = kinds[i];
      int[] gpuLeft = excusesGpu && kind.allowedGpuModels().isEmpty() ? gpuNow : gpuAfter;
      long taken = before[i] - slots(node.type(), cpuAfter, gpuLeft, kind);
      taken -= ownSlotsIfServing(pod, kind);
      if (taken > 0) lost += kind.probability() * taken * kind.gpuCount() * kind.gpuMilliPerGpu();
    }
    return lost / scarceShare;
  }

  /**
   * Whether {@link #lostMilli} on a node in {@code state} may differ before and after the last change of
   * the scarce set: only a node with room for a kind scarce before or after can lose any of it.
   */
  boolean lastChangeConcerns(NodeState state) {
    var nodeSlots = slotsOf(state);
    for (int i : lastChanged) {
      if (nodeSlots[i] > 0) return true;
    }
    return false;
  }

  /** The kinds scarce at the last refresh. */
  List<PodKind> scarceKinds() {
    return Arrays.stream(scarce).mapToObj(i -> kinds[i]).toList();
  }

  private void add(long[] nodeSlots, int sign) {
    for (int i = 0; i < slots.length; i++) slots[i] += sign * nodeSlots[i];
  }

  private long[] slotsOf(NodeState state) {
    return slotsByState.computeIfAbsent(state, s -> {
      var free = s.freeGpuMilliPerGpu();
      var out = new long[kinds.length];
      for (int i = 0; i < kinds.length; i++) out[i] = slots(s.type(), s.freeCpuMilli(), free, kinds[i]);
      return out;
    });
  }

  /** How many more pods of {@code kind} a node of {@code type} with this free CPU and GPU milli takes. */
  static long slots(NodeType type, long freeCpuMilli, int[] freeGpuMilli, PodKind kind) {
    if (!kind.allowsModel(type.gpuModel())) return 0;
    long byCpu = kind.cpuMilli() == 0 ? Long.MAX_VALUE : freeCpuMilli / kind.cpuMilli();
    long units = 0;
    for (int free : freeGpuMilli) units += free / kind.gpuMilliPerGpu();
    long byGpu = kind.gpuMilliPerGpu() >= PodRequest.WHOLE_GPU ? units / kind.gpuCount() : units;
    return Math.max(0, Math.min(byCpu, byGpu));
  }

  /** Whether a pod of {@code a} could take a slot of {@code b}: it needs at least as much of everything. */
  private static boolean needsAtLeast(PodKind a, PodKind b) {
    return needsAtLeast(a.cpuMilli(), a.gpuCount(), a.gpuMilliPerGpu(), a.allowedGpuModels(), b);
  }

  /** Whether {@code pod} is itself demand for {@code kind}'s slots (it needs at least as much). */
  private static boolean serves(PodShape pod, PodKind kind) {
    return needsAtLeast(pod.cpuMilli(), pod.gpuCount(), pod.gpuMilliPerGpu(), pod.allowedGpuModels(), kind);
  }

  /** At least {@code kind}'s CPU, GPUs and milli per GPU, and GPU models no wider than the kind's. */
  private static boolean needsAtLeast(long cpuMilli, int gpuCount, int milliPerGpu, Set<String> models, PodKind kind) {
    return gpuCount >= kind.gpuCount() && milliPerGpu >= kind.gpuMilliPerGpu() && cpuMilli >= kind.cpuMilli()
        && (kind.allowedGpuModels().isEmpty() || (!models.isEmpty() && kind.allowedGpuModels().containsAll(models)));
  }

  /** The slots of {@code kind} that {@code pod} takes up as demand of the kind itself; 0 if it is not. */
  static long ownSlotsIfServing(PodShape pod, PodKind kind) {
    if (!serves(pod, kind)) return 0;
    long perGpu = kind.gpuMilliPerGpu() >= PodRequest.WHOLE_GPU
        ? 1 : Math.ceilDiv(pod.gpuMilliPerGpu(), kind.gpuMilliPerGpu());
    return Math.ceilDiv(pod.gpuCount(), kind.gpuCount()) * perGpu;
  }

  /** The cluster's slots per GPU kind, in the order of the whole table (for tests). */
  long[] slots() {
    return slots.clone();
  }
}
