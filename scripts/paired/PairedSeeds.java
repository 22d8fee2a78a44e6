import dev.sluice.core.model.*;
import dev.sluice.core.placement.*;
import dev.sluice.sim.fgd.*;
import dev.sluice.sim.trace.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

public class PairedSeeds {
  // args: traces (comma-separated names like default,cpu050, or all) policies (comma-separated, first = baseline) seeds (a-b) threads [v]
  public static void main(String[] a) throws Exception {
    var dir = Path.of(System.getProperty("sluice.home", ".")).toAbsolutePath().resolve("../shared/traces/alibaba-gpu-2023").normalize();
    var nodes = NodeListReader.read(dir.resolve("openb_node_list_gpu_node.csv"));
    List<String> traces = new ArrayList<>();
    if (a[0].equals("all")) {
      try (var s = Files.list(dir)) { s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("openb_pod_list_")).sorted()
          .forEach(n -> traces.add(n.substring(15, n.length() - 4))); }
    } else traces.addAll(List.of(a[0].split(",")));
    var pols = List.of(a[1].split(","));
    var sr = a[2].split("-");
    List<Long> seeds = new ArrayList<>();
    for (long s = Long.parseLong(sr[0]); s <= Long.parseLong(sr[sr.length - 1]); s++) seeds.add(s);
    int threads = Integer.parseInt(a[3]);
    long capacity = nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
    try (var ex = Executors.newFixedThreadPool(threads)) {
      for (var trace : traces) {
        var pods = PodListReader.read(dir.resolve("openb_pod_list_" + trace + ".csv")).stream().map(TracePod::request).toList();
        var workload = TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
        var frag = new Fragmentation(workload);
        Map<String, List<Future<Double>>> res = new LinkedHashMap<>();
        for (var p : pols) {
          var list = new ArrayList<Future<Double>>();
          for (long seed : seeds) list.add(ex.submit(() -> {
            var setup = SeedSetup.of(seed, pods, nodes.size(), capacity, 1.3);
            var policy = make(p, workload, setup);
            var run = new ArrivalRun(nodes, setup.tieOrder(), policy, frag);
            var pl = DIAG ? new Decision[setup.arrivals().size()] : null;
            var rec = run.run(setup.arrivals(), pl);
            if (DIAG) diag(p + " " + seed, setup.arrivals(), pl, rec, capacity, run);
            return ArrivalCurve.of(rec, capacity).unallocatedPct(100);
          }));
          res.put(p, list);
        }
        Map<String, double[]> v = new LinkedHashMap<>();
        for (var e : res.entrySet()) { var d = new double[seeds.size()]; for (int i = 0; i < d.length; i++) d[i] = e.getValue().get(i).get(); v.put(e.getKey(), d); }
        var base = v.get(pols.get(0));
        for (var e : v.entrySet()) {
          var d = e.getValue();
          double diff = 0; int wins = 0;
          for (int i = 0; i < d.length; i++) { diff += d[i] - base[i]; if (d[i] < base[i]) wins++; }
          System.out.printf("%-12s %-28s med %6.2f mean %6.2f  dmean %+6.3f wins %d/%d  %s%n", trace, e.getKey(), median(d),
              Arrays.stream(d).average().orElse(0), diff / d.length, wins, d.length, a.length > 4 ? Arrays.toString(d) : "");
        }
        System.out.flush();
      }
    }
  }
  static final boolean DIAG = System.getenv("DIAG") != null;
  static synchronized void diag(String tag, List<PodRequest> arr, Decision[] pl, RunRecord rec, long cap, ArrivalRun run) {
    var failed = new TreeMap<String, long[]>();
    for (int i = 0; i < arr.size(); i++) {
      if (rec.arrivedGpuMilli()[i] > cap) break;
      var p = arr.get(i);
      String k = p.gpuCount() == 0 ? "cpu" : p.gpuMilliPerGpu() < 1000 ? "share" : p.gpuCount() + "gpu" + (p.gpuCount() == 8 ? "@" + p.cpuMilli() : "");
      var c = failed.computeIfAbsent(k, x -> new long[3]);
      c[2] += p.totalGpuMilli();
      if (pl[i] instanceof Decision.Unschedulable) { c[0]++; c[1] += p.totalGpuMilli(); }
    }
    var sb = new StringBuilder(tag + " failed(count,milli/arrived):");
    for (var e : failed.entrySet()) sb.append(String.format(" %s=%d,%.2f%%", e.getKey(), e.getValue()[0], 100.0 * e.getValue()[1] / cap));
    System.out.println(sb);
  }
  static double median(double[] d) { var s = d.clone(); Arrays.sort(s); int n = s.length; return n % 2 == 1 ? s[n/2] : (s[n/2-1] + s[n/2]) / 2; }
  static PlacementPolicy make(String p, TargetWorkload w, SeedSetup setup) {
    return PlacementPolicies.named(p, w, setup.policyRandom());
  }
}
