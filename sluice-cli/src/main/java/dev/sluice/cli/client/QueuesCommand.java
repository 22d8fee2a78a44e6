package dev.sluice.cli.client;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "queues", mixinStandardHelpOptions = true,
    description = {"List queues: GPU quota, use, borrowing and fair share; running and pending jobs.",
        "GPU amounts are in devices (0.5 = half a device); borrowed is what a queue uses beyond its quota."})
public final class QueuesCommand extends ApiCommand {
  @Option(names = "--json", description = "Print the queues as JSON, as the API returns them.")
  boolean json;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var node = client.get("/api/v1/queues");
    if (json) {
      out.println(SluiceClient.pretty(node));
      return;
    }
    var table = new Table("QUEUE", "PARENT", "PRIORITY", "DESERVED", "LIMIT", "USED", "BORROWED", "FAIR SHARE",
        "RUNNING", "PENDING");
    for (var queue : SluiceClient.asList(node, Queue.class)) {
      var quota = queue.gpuQuota();
      table.row(queue.name(), queue.parent(), queue.priority(), Cells.gpuLimit(orZero(quota.deserved())),
          Cells.gpuLimit(quota.limit()), Cells.gpus(queue.gpuAllocatedMilli()),
          Cells.gpus(queue.borrowed().getOrDefault("gpu", 0L)), Cells.gpus(queue.fairShare().getOrDefault("gpu", 0L)),
          queue.running(), queue.pending());
    }
    table.print(out);
  }

  private static Long orZero(Long value) {
    return value == null ? 0L : value;
  }
}
