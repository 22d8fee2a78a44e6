package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instances of one role, ready to replay on nodes whose NICs run at {@code nicMbps}: each instance's
 * request, the creation and deletion events in time order, and the probes that tell a stranded node.
 *
 * @param role      CN or HN
 * @param instances the role's instances, in file order
 * @param requests  what each instance asks for, by the same index
 * @param events    creations and deletions in time order
 * @param probes    every distinct request shape of the role (with its app and density cap), most frequent first
 *                  (ties: the one first seen in the file first)
 */
record RoleTrace(Role role, List<DlrmInstance> instances, List<PodRequest> requests, List<ReplayEvent> events,
                 List<PodShape> probes) {
  RoleTrace {
    instances = List.copyOf(instances);
    requests = List.copyOf(requests);
    events = List.copyOf(events);
    probes = List.copyOf(probes);
  }

  static RoleTrace of(List<DlrmInstance> trace, Role role, long nicMbps) {
    var instances = trace.stream().filter(i -> i.role() == role).toList();
    var requests = instances.stream().map(i -> request(i, nicMbps)).toList();
    return new RoleTrace(role, instances, requests, ReplayEvent.of(instances), probes(requests));
  }

  /**
   * What an instance asks for: its CPU, memory and GPUs; {@code rdmaPercent} of one NIC's line rate as RDMA
   * bandwidth (for an instance with GPUs, in per-GPU shares from the NIC nearest each GPU); its disk as local
   * NVMe; its app and the app's per-node cap.
   */
  static PodRequest request(DlrmInstance instance, long nicMbps) {
    long mbps = Math.round(instance.rdmaPercent() * nicMbps / 100);
    var fabric = new FabricRequest(mbps, true, instance.diskGib(), instance.app(), instance.maxPerNode(), Map.of());
    int milli = instance.gpus() == 0 ? 0 : PodRequest.WHOLE_GPU;
    return new PodRequest(instance.name(), instance.cpuMilli(), instance.memoryMib(), instance.gpus(), milli, Set.of(), fabric);
  }

  private record Seen(PodShape shape, int firstIndex, int count) {}

  private static List<PodShape> probes(List<PodRequest> requests) {
    var seen = new LinkedHashMap<PodShape, Seen>();
    for (int i = 0; i < requests.size(); i++) {
      int index = i;
      seen.merge(requests.get(i).shape(), new Seen(requests.get(i).shape(), index, 1),
          (old, one) -> new Seen(old.shape(), old.firstIndex(), old.count() + 1));
    }
    var ranked = new ArrayList<>(seen.values());
    ranked.sort(Comparator.comparingInt(Seen::count).reversed().thenComparingInt(Seen::firstIndex));
    return ranked.stream().map(Seen::shape).toList();
  }
}
