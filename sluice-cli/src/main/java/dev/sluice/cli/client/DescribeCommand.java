package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Show one job: what it asked for, where it runs, and why it waits (reason and queue position).")
public final class DescribeCommand extends ApiCommand {
  @Parameters(paramLabel = "ID", description = "The job's id, e.g. j-000042.")
  String id;

  @Option(names = "--json", description = "Print the job as JSON, as the API returns it.")
  boolean json;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var node = client.get("/api/v1/jobs/" + SluiceClient.encode(id));
    if (json) {
      out.println(SluiceClient.pretty(node));
      return;
    }
    var job = SluiceClient.as(node, Job.class);
    var request = job.request();
    var table = new Table("", "");
    table.row("Job:", job.id() + " (" + job.name() + ")");
    table.row("Queue:", job.queue() + ", user " + job.user() + ", priority " + job.priority()
        + (job.preemptible() ? ", preemptible" : ""));
    table.row("State:", job.state() + (job.exitCode() != null ? " (exit code " + job.exitCode() + ")" : ""));
    if (job.walltimeSeconds() != null || job.minRuntimeSeconds() != null) {
      table.row("Runtime:", (job.walltimeSeconds() == null ? "no walltime" : "walltime " + job.walltimeSeconds() + " s")
          + (job.minRuntimeSeconds() == null ? "" : ", not stopped for others before " + job.minRuntimeSeconds() + " s"));
    }
    if (job.queuePosition() != null) table.row("Position:", job.queuePosition() + " among the queue's pending jobs");
    if (job.reason() != null) table.row("Reason:", job.reason());
    table.row("Command:", Cells.command(job.command()));
    table.row("Asks for:", Cells.gpuRequest(request) + " GPU, " + Cells.cpus(request.cpuMilli()) + " CPU, "
        + Cells.mib(request.memoryMib()) + " memory");
    table.row("Runs on:", job.node() == null ? "-" : Cells.placement(job)
        + (job.simulatedGpus() ? " - simulated GPUs, the process sees no real device" : ""));
    var now = Instant.now();
    table.row("Submitted:", times(job.submittedAt(), now));
    table.row("Started:", times(job.startedAt(), now));
    table.row("Finished:", times(job.finishedAt(), now));
    if (!job.env().isEmpty()) table.row("Env:", job.env());
    table.print(out);
  }

  private static String times(String iso, Instant now) {
    return iso == null ? "-" : iso + " (" + Cells.age(iso, now) + " ago)";
  }
}
