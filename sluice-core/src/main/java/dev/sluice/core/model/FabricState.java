package dev.sluice.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is free of a node's fabric right now; an immutable value, part of {@link NodeState}.
 *
 * @param nicFreeMbps    bandwidth of each NIC (by index) not taken by GPU pods' RDMA shares
 * @param pooledMbps     bandwidth taken from the NICs together by every other pod; fits while at most the sum
 *                       of {@code nicFreeMbps}
 * @param nvmeFreeGib    local NVMe not taken
 * @param appInstances   instances per app on the node, for apps whose pods cap their density
 * @param extendedFree   named extended resources not taken
 */
public record FabricState(List<Long> nicFreeMbps, long pooledMbps, long nvmeFreeGib, Map<String, Integer> appInstances,
                          Map<String, Long> extendedFree) {
  public static final FabricState NONE = new FabricState(List.of(), 0, 0, Map.of(), Map.of());
  private static final int NONE_HASH = NONE.computeHash();

  public FabricState {
    nicFreeMbps = List.copyOf(nicFreeMbps);
    appInstances = Map.copyOf(appInstances);
    extendedFree = Map.copyOf(extendedFree);
  }

  public static FabricState empty(FabricLayout layout) {
    if (layout == FabricLayout.NONE || layout.equals(FabricLayout.NONE)) return NONE;
    return new FabricState(layout.nicMbps(), 0, layout.nvmeGib(), Map.of(), layout.extended());
  }

  // Every node state's equality and hash pass through here: nodes without a fabric share NONE, so make that cheap.
  @Override
  public boolean equals(Object other) {
    if (this == other) return true;
    return other instanceof FabricState o && pooledMbps == o.pooledMbps && nvmeFreeGib == o.nvmeFreeGib
        && nicFreeMbps.equals(o.nicFreeMbps) && appInstances.equals(o.appInstances) && extendedFree.equals(o.extendedFree);
  }

  @Override
  public int hashCode() {
    return this == NONE ? NONE_HASH : computeHash();
  }

  private int computeHash() {
    int hash = nicFreeMbps.hashCode();
    hash = 31 * hash + Long.hashCode(pooledMbps);
    hash = 31 * hash + Long.hashCode(nvmeFreeGib);
    hash = 31 * hash + appInstances.hashCode();
    return 31 * hash + extendedFree.hashCode();
  }

  /** Bandwidth a pod without GPU affinity can still take. */
  public long pooledFreeMbps() {
    long sum = 0;
    for (long free : nicFreeMbps) sum += free;
    return sum - pooledMbps;
  }

  public int instancesOf(String app) {
    return appInstances.getOrDefault(app, 0);
  }

  /** The same fabric with nothing free. */
  FabricState exhausted() {
    if (this == NONE) return this;
    var noExtended = new HashMap<String, Long>();
    extendedFree.keySet().forEach(name -> noExtended.put(name, 0L));
    return new FabricState(nicFreeMbps.stream().map(free -> 0L).toList(), 0, 0, appInstances, noExtended);
  }

  /** The state after {@code pod} takes its share; the caller has checked that it fits. */
  FabricState with(PodShape pod, int[] gpus, FabricLayout layout) {
    return change(pod, gpus, layout, 1);
  }

  /** The state after {@code pod}, which held {@code gpus}, gives its share back. */
  FabricState without(PodShape pod, int[] gpus, FabricLayout layout) {
    return change(pod, gpus, layout, -1);
  }

  private FabricState change(PodShape pod, int[] gpus, FabricLayout layout, int sign) {
    var request = pod.fabric();
    if (request.isNone()) return this;
    var nics = nicFreeMbps.toArray(Long[]::new);
    long pooled = pooledMbps;
    if (NicAffinity.applies(pod)) {
      long share = NicAffinity.sharePerGpu(pod);
      for (int gpu : gpus) {
        int nic = layout.gpuNic().get(gpu);
        if (nic < 0) throw new IllegalStateException("GPU " + gpu + " has no RDMA NIC near it for " + pod);
        nics[nic] -= sign * share;
      }
    } else {
      pooled += sign * request.nicMbps();
    }
    var apps = new HashMap<>(appInstances);
    if (request.maxPerNode() > 0) {
      int count = apps.getOrDefault(request.app(), 0) + sign;
      if (count == 0) apps.remove(request.app());
      else apps.put(request.app(), count);
    }
    var extended = new HashMap<>(extendedFree);
    request.extended().forEach((name, amount) -> extended.merge(name, -sign * amount, Long::sum));
    var next = new FabricState(List.of(nics), pooled, nvmeFreeGib - sign * request.nvmeGib(), apps, extended);
    next.checkWithin(layout, pod);
    return next;
  }

  private void checkWithin(FabricLayout layout, PodShape pod) {
    boolean over = pooledFreeMbps() < 0 || pooledMbps < 0 || nvmeFreeGib < 0 || nvmeFreeGib > layout.nvmeGib()
        || extendedFree.values().stream().anyMatch(free -> free < 0);
    for (int i = 0; i < nicFreeMbps.size(); i++) over |= nicFreeMbps.get(i) < 0 || nicFreeMbps.get(i) > layout.nicMbps().get(i);
    for (int count : appInstances.values()) over |= count < 0;
    if (over) throw new IllegalStateException("fabric over-allocated or released twice by " + pod);
  }
}
