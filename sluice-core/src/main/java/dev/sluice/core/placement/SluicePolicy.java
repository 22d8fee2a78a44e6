package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sluice's placement policy: FGD that protects the hosts of kinds running short of them and, where CPU runs out
 * first, the CPU pods can use, with GPUs stranded for lack of CPU as the tie-breaker.
 *
 * <p>Every node the pod fits gets FGD's score, {@code trunc(100 · sigmoid((ΔF − L + π · ΔC) / 1000))} where ΔF
 * is the drop of the FGD paper's {@link Fragmentation}, L the scarce demand turned away and π · ΔC the priced
 * drop of the CPU fragment (both below). Truncation and
 * the cluster's fixed tie order are kept: FGD's result depends on them. Among nodes with the same FGD score,
 * the one where the pod strands the fewest GPUs wins, scored {@code trunc(100 · sigmoid(ΔS / 1000))} where ΔS is the drop of
 * {@link StrandedFragmentation.Measure#stranded stranded GPU milli}: idle GPUs that the target workload's pods
 * could use by GPU room but not by the node's remaining CPU. Only then does the tie order decide.
 *
 * <p>When some kind of pod has no more room left in the cluster than its expected demand
 * ({@link HostScarcity}), the GPU milli of that demand a placement turns away is added to the drop of F, so
 * FGD's score itself steers pods off the few nodes such a kind still has. The policy watches the cluster
 * through the {@link Placer} that uses it ({@link #attach}); scored on its own, a node gets no protection.
 *
 * <p>Where the cluster's CPU runs out before its GPUs ({@link CpuPrice}), the drop of the node's
 * {@link StrandedFragmentation.Measure#cpuFragment CPU fragment}, priced in GPU milli, is added to the drop of F
 * as well: the CPU no pod can use is then GPU pods turned away. The price comes from the cluster, so it too is
 * set by {@link #attach}; scored on its own, a node's CPU costs nothing.
 *
 * <p>Nodes differ widely in CPU per GPU; FGD only notices CPU when a node drops below one pod's CPU, so it
 * happily spends the CPU that a node's other GPUs need. The secondary key steers CPU-heavy pods (and
 * CPU-only pods) to CPU-rich nodes and CPU-light pods to CPU-poor ones.
 *
 * <p>Ablation switches ({@link Options}): {@code stranding}, {@code protection} and {@code cpuFragment} all
 * off give FGD exactly; {@code freshBaseline} off also counts the stranding an empty node of the type already
 * has; {@code tieBreakOnly} off adds ΔS to ΔF inside FGD's sigmoid instead of breaking ties with it.
 */
public final class SluicePolicy extends GpuTrialPolicy {
  /**
   * Ablation switches; {@link #DEFAULT} has all on. Variants are {@code DEFAULT} with switches turned off by
   * name ({@code Options.DEFAULT.without(Switch.PROTECTION)}).
   *
   * @param stranding     use stranded GPUs at all (off: FGD)
   * @param freshBaseline count only the stranding beyond what an empty node of the type already has
   * @param tieBreakOnly  stranding breaks FGD's ties (off: it is added to FGD's fragmentation change)
   * @param protection    add the demand of scarce kinds turned away to FGD's fragmentation change
   * @param cpuFragment   where CPU binds, add the drop of the CPU fragment, priced in GPU milli, to it too
   * @param sharingGpuExcused protection does not charge a sharing pod for the GPU side of the slots it takes
   *                      from untied kinds while GPUs bind ({@link HostScarcity}); off, it charges every side
   */
  public record Options(boolean stranding, boolean freshBaseline, boolean tieBreakOnly, boolean protection,
                        boolean cpuFragment, boolean sharingGpuExcused) {
    public static final Options DEFAULT = new Options(true, true, true, true, true, true);

    /** This with the named switches off. */
    public Options without(Switch... off) {
      var offSet = EnumSet.noneOf(Switch.class);
      offSet.addAll(List.of(off));
      return new Options(stranding && !offSet.contains(Switch.STRANDING),
          freshBaseline && !offSet.contains(Switch.FRESH_BASELINE),
          tieBreakOnly && !offSet.contains(Switch.TIE_BREAK_ONLY),
          protection && !offSet.contains(Switch.PROTECTION),
          cpuFragment && !offSet.contains(Switch.CPU_FRAGMENT),
          sharingGpuExcused && !offSet.contains(Switch.SHARING_GPU_EXCUSED));
    }
  }

  /** The ablation switches by name, in the order of {@link Options}' components. */
  public enum Switch { STRANDING, FRESH_BASELINE, TIE_BREAK_ONLY, PROTECTION, CPU_FRAGMENT, SHARING_GPU_EXCUSED }

  private final String name;
  private final Options options;
  private final StrandedFragmentation fragmentation;
  private final Map<NodeState, StrandedFragmentation.Measure> measureByState = new HashMap<>();
  private final HostScarcity scarcity;
  private final TargetWorkload workload;
  /** GPU milli per CPU milli of CPU fragment; set by {@link #attach}, zero where the GPUs bind. */
  private double cpuPrice;

  public SluicePolicy(TargetWorkload workload) {
    this("sluice", workload, Options.DEFAULT);
  }

  public SluicePolicy(String name, TargetWorkload workload, Options options) {
    this.name = name;
    this.options = options;
    this.fragmentation = new StrandedFragmentation(workload, options.freshBaseline());
    this.scarcity = options.protection() ? new HostScarcity(workload, options.sharingGpuExcused()) : null;
    this.workload = workload;
  }

  @Override
  public String name() {
    return name;
  }

  /** The switches this policy runs with. */
  Options options() {
    return options;
  }

  @Override
  public void attach(ClusterState cluster) {
    if (scarcity != null) scarcity.track(cluster);
    if (options.cpuFragment()) cpuPrice = CpuPrice.of(workload, cluster.nodes());
  }

  @Override
  public long scoresVersion() {
    return scarcity == null ? 0 : scarcity.refresh();
  }

  @Override
  public boolean lastChangeConcerns(NodeState state) {
    return scarcity == null || scarcity.lastChangeConcerns(state);
  }

  @Override
  long scoreWith(NodeState node, PodShape pod, int[] gpus) {
    var free = freeAfter(node, pod, gpus);
    long cpuAfter = node.freeCpuMilli() - pod.cpuMilli();
    var before = measureByState.computeIfAbsent(node, fragmentation::of);
    var after = fragmentation.of(node.type(), cpuAfter, free);
    double turnedAway = scarcity == null ? 0 : scarcity.lostMilli(node, pod, cpuAfter, free);
    double cpuFragmentDrop = cpuPrice * (before.cpuFragment() - after.cpuFragment());
    double fragmentDrop = before.fragment() - after.fragment() - turnedAway + cpuFragmentDrop;
    if (!options.stranding()) return percent(fragmentDrop);
    double strandedDrop = before.stranded() - after.stranded();
    if (!options.tieBreakOnly()) return percent(fragmentDrop + strandedDrop);
    return 1000 * percent(fragmentDrop) + percent(strandedDrop);
  }
}
