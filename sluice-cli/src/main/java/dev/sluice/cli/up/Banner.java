package dev.sluice.cli.up;

import dev.sluice.cli.client.Cells;
import dev.sluice.cli.client.Table;
import dev.sluice.core.model.NicBandwidth;
import dev.sluice.local.fabric.HostNics;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code sluice up} prints once the control plane is up: where it is, its GPUs, where the token is. */
final class Banner {
  private Banner() {
  }

  static void print(LocalControlPlane plane, UpOptions options, PrintWriter out) {
    var url = plane.url();
    out.println("Sluice is up at " + url);
    out.println("  dashboard    " + url + "/   (it asks for the admin token once)");
    out.println("  admin token  " + shown(plane.adminTokenFile()) + "   (the CLI reads it from there when run in this directory)");
    out.println("  data         " + shown(plane.dataDir()) + (options.db() == null ? "   (embedded H2 database, job output)" : "   (job output; database " + options.db() + ")"));
    out.println("  metrics      " + url + "/metrics   (Prometheus, needs the token)");
    out.println("  job sandbox  " + plane.sandbox());
    out.println();
    var inventory = plane.inventory();
    var gpus = inventory.gpus();
    if (gpus.isEmpty()) {
      out.println("GPUs: none found (" + inventory.source() + "); CPU-only jobs run. For a demo: --simulate-gpus 2xH100-80GB");
    } else {
      long simulated = gpus.stream().filter(g -> g.simulated()).count();
      var declared = options.simulateGpus() == null && simulated > 0
          ? " none found on this machine, so the demo declares " + DemoCommand.DEFAULT_GPUS + ";" : "";
      out.println("GPUs (" + gpus.size() + ", from " + inventory.source() + "):" + declared
          + (simulated > 0 ? " SIMULATED: jobs run as real processes, the devices are pretend" : ""));
      var table = new Table("  INDEX", "MODEL", "MEMORY", "UUID", "");
      for (var gpu : gpus) {
        table.row("  " + gpu.index(), gpu.model(), Cells.mib(gpu.memoryMib()), gpu.uuid(), gpu.simulated() ? "simulated" : "");
      }
      table.print(out);
    }
    nics(plane.nics(), out);
    out.println();
    var server = url.equals("http://127.0.0.1:8080") ? "" : " --server " + url;
    out.println("Try:  ./sluice submit" + server + " --gpus 1 -- sh -c 'echo hello from GPU $CUDA_VISIBLE_DEVICES; sleep 30'");
    out.println("      ./sluice list" + server + "    ./sluice top" + server + "    ./sluice logs" + server + " -f ID");
    out.println("Ctrl-C stops Sluice (running jobs keep running and are picked up again by the next ./sluice up).");
    out.flush();
  }

  private static void nics(HostNics found, PrintWriter out) {
    var nics = found.nics().stream().map(nic -> nic.name() + " " + NicBandwidth.format(nic.bandwidthMbps())
        + (nic.rdma() ? " RDMA" : "") + (nic.locality().pciRoot().isEmpty() ? "" : " on " + nic.locality().pciRoot())).toList();
    out.println("NICs: " + (nics.isEmpty() ? "none that jobs may ask bandwidth of" : String.join(", ", nics)));
    for (var skipped : found.skipped()) out.println("  left out: " + skipped);
  }

  private static String shown(Path path) {
    var here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? "./" + here.relativize(path) : path.toString();
  }
}
