package dev.sluice.cli.client;

import dev.sluice.core.model.NicBandwidth;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nodes", mixinStandardHelpOptions = true,
    description = "List nodes: their GPUs (model, memory, how much is allocated and to which jobs, PCIe root and NUMA "
        + "node) and their NICs (bandwidth, RDMA, PCIe root and NUMA node).")
public final class NodesCommand extends ApiCommand {
  @Option(names = "--json", description = "Print the nodes as JSON, as the API returns them.")
  boolean json;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var node = client.get("/api/v1/nodes");
    if (json) {
      out.println(SluiceClient.pretty(node));
      return;
    }
    var nodes = SluiceClient.asList(node, Node.class);
    var table = new Table("NODE", "GPU", "MODEL", "MEMORY", "ALLOCATED", "JOBS", "SOURCE", "PCI ROOT / NUMA");
    for (var each : nodes) {
      if (each.gpus().isEmpty()) {
        table.row(each.name(), "-", "no GPUs", "-", "-", "-", each.gpuSource(), "-");
      }
      for (var gpu : each.gpus()) {
        table.row(each.name(), gpu.index(), gpu.model() + (gpu.simulated() ? " (simulated)" : ""), Cells.mib(gpu.memoryMib()),
            Cells.gpus(gpu.allocatedMilli()), gpu.jobs().isEmpty() ? "-" : String.join(",", gpu.jobs()), each.gpuSource(),
            gpu.locality());
      }
    }
    table.print(out);
    out.println();
    var nics = new Table("NODE", "NIC", "BANDWIDTH", "RDMA", "PCI ROOT / NUMA");
    for (var each : nodes) {
      if (each.nics().isEmpty()) nics.row(each.name(), "-", "no NICs jobs may ask bandwidth of", "-", "-");
      for (var nic : each.nics()) {
        nics.row(each.name(), nic.name(), NicBandwidth.format(nic.bandwidthMbps()), nic.rdma() ? "yes" : "no", nic.locality());
      }
    }
    nics.print(out);
  }
}
