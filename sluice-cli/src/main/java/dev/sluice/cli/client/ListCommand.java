package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List jobs, newest first, with their state, GPUs, where they run and why they wait.")
public final class ListCommand extends ApiCommand {
  @Option(names = "--queue", paramLabel = "QUEUE", description = "Only this queue's jobs.")
  String queue;

  @Option(names = "--state", paramLabel = "STATE",
      description = "Only jobs in this state: PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, PREEMPTED.")
  String state;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N jobs (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the jobs as a JSON array, as the API returns them.")
  boolean json;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("queue", queue);
    parameters.put("state", state == null ? null : state.toUpperCase(Locale.ROOT));
    parameters.put("limit", limit);
    var page = client.get("/api/v1/jobs" + SluiceClient.query(parameters));
    var items = page.path("items");
    if (json) {
      out.println(SluiceClient.pretty(items));
      return;
    }
    var jobs = SluiceClient.asList(items, Job.class);
    if (jobs.isEmpty()) {
      out.println("no jobs" + (queue != null || state != null ? " match" : " yet: submit one with sluice submit -- CMD"));
      return;
    }
    var table = new Table("ID", "NAME", "QUEUE", "USER", "STATE", "GPUS", "WHERE", "AGE", "POS", "REASON");
    var now = Instant.now();
    for (var job : jobs) {
      table.row(job.id(), Cells.cut(job.name(), 24), job.queue(), job.user(), job.state(), Cells.gpuRequest(job.request()),
          Cells.placement(job), Cells.age(job.submittedAt(), now), job.queuePosition(),
          job.reason() == null ? "" : Cells.cut(job.reason().text(), 60));
    }
    table.print(out);
    if (page.hasNonNull("next")) out.println("(the newest " + jobs.size() + " jobs; --limit N shows more)");
  }
}
