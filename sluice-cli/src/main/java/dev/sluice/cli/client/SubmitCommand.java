package dev.sluice.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Submit a job: a command to run on this host's GPUs once the scheduler places it.",
        "Example: sluice submit --gpus 1 --queue default -- python train.py --lr 3e-4"})
public final class SubmitCommand extends ApiCommand {
  /** The API's field names, as the options a user typed them. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(Map.entry("gpus", "--gpus"),
      Map.entry("gpuFraction", "--gpu-fraction"), Map.entry("gpuMemoryMib", "--gpu-memory"), Map.entry("cpuMilli", "--cpu"),
      Map.entry("memoryMib", "--memory"), Map.entry("queue", "--queue"), Map.entry("priority", "--priority"),
      Map.entry("name", "--name"), Map.entry("command", "the command after --"), Map.entry("walltimeSeconds", "--walltime"),
      Map.entry("minRuntimeSeconds", "--min-runtime"), Map.entry("nicBandwidthMbps", "--nic-bandwidth"),
      Map.entry("rdma", "--rdma"), Map.entry("topology", "--topology"));

  @Option(names = "--gpus", paramLabel = "N", description = "Whole GPUs (default 0).")
  Integer gpus;

  @Option(names = "--gpu-fraction", paramLabel = "F", description = "A share of one GPU, 0 < F < 1, e.g. 0.5.")
  Double gpuFraction;

  @Option(names = "--gpu-memory", paramLabel = "SIZE", converter = Quantities.Memory.class,
      description = "GPU memory of one GPU, e.g. 20GiB (a fraction of the device).")
  Long gpuMemoryMib;

  @Option(names = "--cpu", paramLabel = "CPUS", converter = Quantities.Cpu.class,
      description = "CPUs, e.g. 2, 0.5 or 500m (server default 1).")
  Long cpuMilli;

  @Option(names = "--memory", paramLabel = "SIZE", converter = Quantities.Memory.class,
      description = "Memory, e.g. 4GiB or 512MiB (server default 2GiB).")
  Long memoryMib;

  @Option(names = "--queue", paramLabel = "QUEUE", description = "Queue (needed unless you belong to one queue only).")
  String queue;

  @Option(names = "--priority", paramLabel = "N", description = "Higher runs first within the queue (default 0).")
  Integer priority;

  @Option(names = "--preemptible", description = "May be evicted to make room for others.")
  boolean preemptible;

  @Option(names = "--walltime", paramLabel = "TIME", converter = Quantities.Lifetime.class,
      description = "Stop it (failed, reason walltime) once it has run this long, e.g. 90m, 2h, 3d.")
  Long walltimeSeconds;

  @Option(names = "--min-runtime", paramLabel = "TIME", converter = Quantities.Lifetime.class,
      description = "Let no reclaim or preemption stop it before it has run this long, e.g. 10m.")
  Long minRuntimeSeconds;

  @Option(names = "--nic-bandwidth", paramLabel = "RATE", converter = Quantities.Bandwidth.class,
      description = "NIC bandwidth, e.g. 25G, 400Gbps, 100M (a bare number is Mbit/s).")
  Long nicBandwidthMbps;

  @Option(names = "--rdma", description = "Needs an RDMA NIC (InfiniBand or RoCE); with --gpus, its bandwidth comes from "
      + "the RDMA NIC nearest each GPU.")
  boolean rdma;

  @Option(names = "--topology", paramLabel = "LEVEL", description = "Keep the job's pods in one domain of this level, "
      + "e.g. rack. One host is one domain at every level: accepted, and nothing more is needed.")
  String topology;

  @Option(names = "--name", paramLabel = "NAME", description = "A name (default: the program's file name).")
  String name;

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Extra environment variable (repeatable).")
  Map<String, String> env;

  @Option(names = "--json", description = "Print the created job as JSON.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "CMD", description = "The command and its arguments, after --.")
  List<String> command;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    if (command == null || command.isEmpty()) {
      throw badInput("submit: missing the command to run after -- (e.g. sluice submit --gpus 1 -- python train.py)");
    }
    JsonNode created;
    try {
      created = client.post("/api/v1/jobs", body());
    } catch (ApiException e) {
      throw withOptionNames(e);
    }
    if (json) {
      out.println(SluiceClient.pretty(created));
      return;
    }
    var job = SluiceClient.as(created, Job.class);
    out.println("submitted " + job.id() + " (" + Terminal.safe(job.name()) + ") to queue " + job.queue() + ": " + job.state()
        + (job.queuePosition() != null ? ", position " + job.queuePosition() : "")
        + (job.reason() != null ? " (" + Terminal.safe(job.reason().text()) + ")" : ""));
    out.println("follow it with: sluice describe " + job.id() + "   sluice logs -f " + job.id());
  }

  private Map<String, Object> body() {
    var body = new LinkedHashMap<String, Object>();
    body.put("name", name);
    body.put("queue", queue);
    body.put("command", command);
    body.put("gpus", gpus);
    body.put("gpuFraction", gpuFraction);
    body.put("gpuMemoryMib", gpuMemoryMib);
    body.put("cpuMilli", cpuMilli);
    body.put("memoryMib", memoryMib);
    body.put("priority", priority);
    if (preemptible) body.put("preemptible", true);
    body.put("walltimeSeconds", walltimeSeconds);
    body.put("minRuntimeSeconds", minRuntimeSeconds);
    body.put("nicBandwidthMbps", nicBandwidthMbps);
    if (rdma) body.put("rdma", true);
    body.put("topology", topology);
    body.put("env", env);
    body.values().removeIf(Objects::isNull);
    return body;
  }

  /** "gpuFraction: must be below 1" reads better as "--gpu-fraction: must be below 1". */
  private static ApiException withOptionNames(ApiException e) {
    var message = e.getMessage();
    for (var entry : OPTION_OF_FIELD.entrySet()) {
      if (message.startsWith(entry.getKey() + ": ")) {
        return new ApiException(entry.getValue() + message.substring(entry.getKey().length()), e.status(), e.exitCode());
      }
    }
    return e;
  }
}
