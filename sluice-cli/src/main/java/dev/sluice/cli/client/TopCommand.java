package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "top", mixinStandardHelpOptions = true,
    description = "A summary of GPUs: the cluster's total, each queue's share and each running job; --watch refreshes it.")
public final class TopCommand extends ApiCommand {
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS",
      description = "Refresh every SECONDS until Ctrl-C (default: print once).")
  Integer watchSeconds;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    if (watchSeconds != null && watchSeconds < 1) throw badInput("--watch: must be at least 1 second, was " + watchSeconds);
    do {
      if (watchSeconds != null) out.print(CLEAR_SCREEN);
      printOnce(client, out);
      if (watchSeconds != null) Thread.sleep(Duration.ofSeconds(watchSeconds));
    } while (watchSeconds != null);
  }

  private static void printOnce(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var nodes = SluiceClient.asList(client.get("/api/v1/nodes"), Node.class);
    var queues = SluiceClient.asList(client.get("/api/v1/queues"), Queue.class);
    var running = SluiceClient.asList(client.get("/api/v1/jobs?state=RUNNING&limit=1000").path("items"), Job.class);
    printCluster(nodes, queues, out);
    out.println();
    var byQueue = new Table("QUEUE", "GPUS USED", "DESERVED", "FAIR SHARE", "BORROWED", "RUNNING", "PENDING");
    for (var queue : queues) {
      byQueue.row(queue.name(), Cells.gpus(queue.gpuAllocatedMilli()), Cells.gpus(orZero(queue.gpuQuota().deserved())),
          Cells.gpus(queue.fairShare().getOrDefault("gpu", 0L)), Cells.gpus(queue.borrowed().getOrDefault("gpu", 0L)),
          queue.running(), queue.pending());
    }
    byQueue.print(out);
    out.println();
    if (running.isEmpty()) {
      out.println("no job is running");
      return;
    }
    var byJob = new Table("JOB", "NAME", "QUEUE", "USER", "GPUS", "WHERE");
    running.stream().sorted(Comparator.comparingDouble((Job j) -> -j.request().gpuDevices()).thenComparing(Job::id))
        .forEach(job -> byJob.row(job.id(), Cells.cut(job.name(), 24), job.queue(), job.user(),
            Cells.gpuRequest(job.request()), Cells.placement(job)));
    byJob.print(out);
  }

  private static void printCluster(List<Node> nodes, List<Queue> queues, PrintWriter out) {
    var gpus = nodes.stream().flatMap(n -> n.gpus().stream()).toList();
    long capacity = 1000L * gpus.size();
    long allocated = gpus.stream().mapToLong(Node.Gpu::allocatedMilli).sum();
    long simulated = gpus.stream().filter(Node.Gpu::simulated).count();
    int pending = queues.stream().mapToInt(Queue::pending).sum();
    int runningJobs = queues.stream().mapToInt(Queue::running).sum();
    out.printf("GPUs: %s of %d allocated (%d%%) on %d node%s%s; %d job%s running, %d pending%n",
        Cells.gpus(allocated), gpus.size(), capacity == 0 ? 0 : Math.round(100.0 * allocated / capacity),
        nodes.size(), nodes.size() == 1 ? "" : "s", simulated > 0 ? " (" + simulated + " simulated)" : "",
        runningJobs, runningJobs == 1 ? "" : "s", pending);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }
}
