package dev.sluice.server.http;

import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.store.JobStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/nodes}, {@code /usage}, {@code /utilization}. */
final class ClusterRoutes {
  private final ControlPlane controlPlane;
  private final JobStore jobs;
  private final InstantSource clock;
  private final Json json;

  ClusterRoutes(ControlPlane controlPlane, JobStore jobs, InstantSource clock, Json json) {
    this.controlPlane = controlPlane;
    this.jobs = jobs;
    this.clock = clock;
    this.json = json;
  }

  void nodes(Context ctx) {
    var caller = Authenticator.caller(ctx);
    var host = controlPlane.host();
    var view = controlPlane.view();
    var visible = new java.util.HashSet<String>();
    if (!caller.isAdmin()) {
      jobs.inState(dev.sluice.server.store.JobState.RUNNING).stream().filter(j -> caller.sees(j.queue()))
          .forEach(j -> visible.add(j.id()));
    }
    var gpus = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < host.gpus().size(); i++) {
      var gpu = host.gpus().get(i);
      var item = new LinkedHashMap<String, Object>();
      item.put("index", gpu.index());
      item.put("model", gpu.model());
      item.put("memoryMib", gpu.memoryMib());
      item.put("uuid", gpu.uuid());
      item.put("simulated", gpu.simulated());
      putLocality(item, gpu.locality());
      item.put("allocatedMilli", i < view.gpuAllocatedMilli().size() ? view.gpuAllocatedMilli().get(i) : 0);
      List<String> onGpu = i < view.gpuJobs().size() ? view.gpuJobs().get(i) : List.of();
      item.put("jobs", caller.isAdmin() ? onGpu : onGpu.stream().filter(visible::contains).toList());
      gpus.add(item);
    }
    var node = new LinkedHashMap<String, Object>();
    node.put("name", host.name());
    node.put("cpuMilli", host.node().cpuMilli());
    node.put("memoryMib", host.node().memoryMib());
    node.put("gpuSource", gpuSource(host.gpuSource(), host.gpus().isEmpty()));
    node.put("gpus", gpus);
    node.put("nics", host.node().fabric().nics().stream().map(ClusterRoutes::nic).toList());
    json.write(ctx, 200, List.of(node));
  }

  private static Map<String, Object> nic(NicDevice nic) {
    var item = new LinkedHashMap<String, Object>();
    item.put("name", nic.name());
    item.put("bandwidthMbps", nic.bandwidthMbps());
    item.put("rdma", nic.rdma());
    putLocality(item, nic.locality());
    return item;
  }

  /** {@code pciRoot} and {@code numaNode}, each null where unknown. */
  private static void putLocality(Map<String, Object> item, Locality locality) {
    item.put("pciRoot", locality.pciRoot().isEmpty() ? null : locality.pciRoot());
    item.put("numaNode", locality.numaNode() < 0 ? null : locality.numaNode());
  }

  /** The inventory's words reduced to the API's: NVML, nvidia-smi, simulated or none. */
  static String gpuSource(String source, boolean noGpus) {
    var lower = source.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("nvml")) return "NVML";
    if (lower.startsWith("nvidia-smi")) return "nvidia-smi";
    if (lower.startsWith("simulated")) return "simulated";
    return noGpus ? "none" : source;
  }

  void usage(Context ctx) {
    var caller = Authenticator.caller(ctx);
    var rows = jobs.usage(clock.instant()).stream().filter(row -> caller.sees(row.queue())).map(row -> {
      var item = new LinkedHashMap<String, Object>();
      item.put("queue", row.queue());
      item.put("user", row.user());
      item.put("gpuHours", row.gpuHours());
      item.put("cpuHours", row.cpuHours());
      return item;
    }).toList();
    json.write(ctx, 200, rows);
  }

  void utilization(Context ctx) {
    long minutes = Query.integer(ctx, "minutes", 60, 1, 24 * 60);
    var points = controlPlane.utilization(Duration.ofMinutes(minutes)).stream().map(p -> {
      var item = new LinkedHashMap<String, Object>();
      item.put("at", p.at().toString());
      item.put("gpuAllocatedMilli", p.gpuAllocatedMilli());
      item.put("gpuCapacityMilli", p.gpuCapacityMilli());
      item.put("running", p.running());
      item.put("pending", p.pending());
      return item;
    }).toList();
    json.write(ctx, 200, points);
  }
}
