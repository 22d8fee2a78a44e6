package dev.sluice.cli.client;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nodes", mixinStandardHelpOptions = true,
    description = "List nodes and their GPUs: model, memory, how much is allocated and to which jobs.")
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
    var table = new Table("NODE", "GPU", "MODEL", "MEMORY", "ALLOCATED", "JOBS", "SOURCE");
    for (var each : SluiceClient.asList(node, Node.class)) {
      if (each.gpus().isEmpty()) {
        table.row(each.name(), "-", "no GPUs", "-", "-", "-", each.gpuSource());
      }
      for (var gpu : each.gpus()) {
        table.row(each.name(), gpu.index(), gpu.model() + (gpu.simulated() ? " (simulated)" : ""), Cells.mib(gpu.memoryMib()),
            Cells.gpus(gpu.allocatedMilli()), gpu.jobs().isEmpty() ? "-" : String.join(",", gpu.jobs()), each.gpuSource());
      }
    }
    table.print(out);
  }
}
