package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a job: a pending one leaves its queue, a running one is stopped (SIGTERM, then SIGKILL).")
public final class CancelCommand extends ApiCommand {
  @Parameters(paramLabel = "ID", description = "The job's id.")
  String id;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var job = SluiceClient.as(client.post("/api/v1/jobs/" + SluiceClient.encode(id) + "/cancel", Map.of()), Job.class);
    out.println("cancelled " + job.id() + " (" + Terminal.safe(job.name()) + "): " + job.state());
  }
}
