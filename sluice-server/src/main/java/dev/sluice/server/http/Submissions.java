package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NicBandwidth;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodShape;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.control.Host;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.JobRuntimes;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Role;
import dev.sluice.server.store.User;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a submission body into a {@link NewJob}, or refuses it naming the field; checks it could ever run here. */
final class Submissions {
  private static final Set<String> FIELDS = Set.of("name", "queue", "command", "gpus", "gpuFraction", "gpuMemoryMib",
      "cpuMilli", "memoryMib", "priority", "preemptible", "env", "workDir", "walltimeSeconds", "minRuntimeSeconds",
      "nicBandwidthMbps", "rdma", "topology");
  /** A topology level as a PodGroup names one: what {@code topology} may say. */
  private static final java.util.regex.Pattern LEVEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9._]{0,61}[a-z0-9])?");
  /** Bounds on what a job stores; its JSON columns hold 100,000 characters, escapes included. */
  static final int MAX_NAME = 256;
  static final int MAX_PATH = 4096;
  static final int MAX_ARGUMENTS = 4096;
  static final int MAX_COMMAND_CHARS = 16_384;
  static final int MAX_ENV_VARIABLES = 1024;
  static final int MAX_ENV_CHARS = 16_384;
  private final QueueStore queues;
  private final Host host;
  private final ControlPlane controlPlane;
  private final InstantSource clock;
  private final String defaultWorkDir;

  Submissions(QueueStore queues, ControlPlane controlPlane, InstantSource clock, String defaultWorkDir) {
    this.queues = queues;
    this.controlPlane = controlPlane;
    this.host = controlPlane.host();
    this.clock = clock;
    this.defaultWorkDir = defaultWorkDir;
  }

  NewJob parse(JsonNode body, User caller) {
    var fields = new Fields(body, FIELDS);
    var queue = queue(fields, caller);
    if (caller.role() == Role.VIEWER) {
      throw new ApiException(ApiError.FORBIDDEN, "viewers may not submit jobs (queue '" + queue + "')");
    }
    var command = command(fields);
    var name = Fields.label("name", fields.string("name", programName(command.getFirst())), MAX_NAME);
    if (name.isBlank()) throw ApiException.invalid("name", "must not be blank");
    var workDir = fields.string("workDir", defaultWorkDir);
    if (workDir.length() > MAX_PATH) throw ApiException.invalid("workDir", "must be at most " + MAX_PATH + " characters");
    if (!Path.of(workDir).isAbsolute()) throw ApiException.invalid("workDir", "must be an absolute path");
    controlPlane.workDirRefusal(Path.of(workDir)).ifPresent(why -> {
      throw ApiException.invalid("workDir", why + (fields.has("workDir") ? "" : " (it is the server's working"
          + " directory, the default: pass workDir)"));
    });
    var env = env(fields);
    var request = resources(fields).withNic(fields.integer("nicBandwidthMbps", 0, 1, NicBandwidth.MAX_MBPS),
        fields.bool("rdma", false));
    topology(fields);
    checkSatisfiable(request);
    return new NewJob(name, queue, caller.name(), command, env, workDir, request,
        (int) fields.integer("priority", 0, -1_000_000, 1_000_000), fields.bool("preemptible", false), runtimes(fields),
        clock.instant());
  }

  private static JobRuntimes runtimes(Fields fields) {
    long walltime = fields.integer("walltimeSeconds", 0, 1, JobRuntimes.MAX_SECONDS);
    long minRuntime = fields.integer("minRuntimeSeconds", 0, 0, JobRuntimes.MAX_SECONDS);
    if (walltime > 0 && minRuntime > walltime) {
      throw ApiException.invalid("minRuntimeSeconds", "must not exceed walltimeSeconds (" + walltime + ")");
    }
    return new JobRuntimes(walltime, minRuntime);
  }

  private static List<String> command(Fields fields) {
    var command = fields.strings("command");
    if (command == null || command.isEmpty()) throw ApiException.invalid("command", "required and not empty");
    if (command.getFirst().isBlank()) throw ApiException.invalid("command", "the program must not be blank");
    if (command.size() > MAX_ARGUMENTS) throw ApiException.invalid("command", "must have at most " + MAX_ARGUMENTS + " words");
    if (command.stream().mapToLong(String::length).sum() > MAX_COMMAND_CHARS) {
      throw ApiException.invalid("command", "must be at most " + MAX_COMMAND_CHARS + " characters in all");
    }
    return command;
  }

  private static Map<String, String> env(Fields fields) {
    var env = fields.stringMap("env");
    if (env.size() > MAX_ENV_VARIABLES) throw ApiException.invalid("env", "must have at most " + MAX_ENV_VARIABLES + " variables");
    long chars = env.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
    if (chars > MAX_ENV_CHARS) throw ApiException.invalid("env", "must be at most " + MAX_ENV_CHARS + " characters in all");
    for (var name : new java.util.TreeSet<>(env.keySet())) {
      if (dev.sluice.core.spi.LaunchRequest.isUnsafeVariable(name)) {
        throw ApiException.invalid("env." + name, "may not be set: it changes how programs load or how a shell reads its input,"
            + " and would act before the job gives up the control plane's privileges");
      }
    }
    return env;
  }

  private String queue(Fields fields, User caller) {
    var queue = fields.string("queue", null);
    if (queue == null) {
      if (caller.queues().size() != 1) {
        throw ApiException.invalid("queue", "required: you belong to " + caller.queues().size() + " queues");
      }
      queue = caller.queues().getFirst();
    }
    if (!caller.sees(queue) || queues.find(queue).isEmpty()) {
      throw new ApiException(ApiError.UNKNOWN_QUEUE, "queue '" + queue + "' does not exist", "queue");
    }
    var parent = queue;
    if (queues.list().stream().anyMatch(q -> parent.equals(q.parent()))) {
      throw ApiException.invalid("queue", "queue '" + queue + "' has sub-queues; submit to one of them");
    }
    return queue;
  }

  private static String programName(String program) {
    var file = Path.of(program).getFileName();
    return file == null ? program : file.toString();
  }

  private JobResources resources(Fields fields) {
    long gpus = fields.integer("gpus", -1, 0, 1024);
    var fraction = fields.number("gpuFraction");
    long gpuMemory = fields.integer("gpuMemoryMib", 0, 1, Long.MAX_VALUE / 1000);
    long cpu = fields.integer("cpuMilli", 1000, 0, Long.MAX_VALUE / 2);
    long memory = fields.integer("memoryMib", 2048, 0, Long.MAX_VALUE / 2);
    if (fraction != null && gpuMemory > 0) throw ApiException.invalid("gpuMemoryMib", "give gpuFraction or gpuMemoryMib, not both");
    if (fraction == null && gpuMemory == 0) {
      int count = (int) Math.max(gpus, 0);
      return new JobResources(count, count == 0 ? 0 : 1000, 0, cpu, memory);
    }
    var field = fraction != null ? "gpuFraction" : "gpuMemoryMib";
    if (gpus != -1 && gpus != 1) throw ApiException.invalid("gpus", "must be 1 or absent with " + field);
    if (fraction != null) {
      if (!(fraction > 0 && fraction < 1)) throw ApiException.invalid("gpuFraction", "must be between 0 and 1, exclusive");
      return new JobResources(1, (int) Math.min(999, Math.max(1, Math.round(fraction * 1000))), 0, cpu, memory);
    }
    long deviceMemory = host.gpuMemoryMib();
    if (host.gpus().isEmpty() || deviceMemory == 0) {
      throw new ApiException(ApiError.UNSATISFIABLE, "this host has no GPU of known memory", "gpuMemoryMib");
    }
    if (gpuMemory > deviceMemory) {
      throw new ApiException(ApiError.UNSATISFIABLE, "gpuMemoryMib " + gpuMemory + " exceeds the device's " + deviceMemory
          + " MiB", "gpuMemoryMib");
    }
    int milli = (int) Math.min(1000, (gpuMemory * 1000 + deviceMemory - 1) / deviceMemory);
    return new JobResources(1, milli, gpuMemory, cpu, memory);
  }

  /**
   * A topology level the job's pods must share ({@code rack}, {@code zone}...). This server is one host, one
   * domain at every level, so every job keeps to one domain of any level: the field is checked and needs nothing
   * more (it is not stored).
   */
  private static void topology(Fields fields) {
    var level = fields.string("topology", null);
    if (level != null && !LEVEL.matcher(level).matches()) {
      throw ApiException.invalid("topology", "must be a topology level such as rack, block or zone (1 to 63 characters of"
          + " a-z, 0-9, '-', '.', '_', starting and ending with a letter or digit)");
    }
  }

  /** Refuses what no node could hold even empty. */
  private void checkSatisfiable(JobResources r) {
    var node = host.node();
    var fabric = r.nicBandwidthMbps() == 0 && !r.rdma() ? FabricRequest.NONE : FabricRequest.nic(r.nicBandwidthMbps(), r.rdma());
    var shape = new PodShape(r.cpuMilli(), r.memoryMib(), r.gpus(), r.gpuMilli(), Set.of(), fabric);
    var fit = NodeState.empty(NodeType.of(node)).fit(shape);
    if (fit == Fit.FITS) return;
    throw new ApiException(ApiError.UNSATISFIABLE, "no node could ever hold this job: " + fit.description() + " (node '"
        + node.name() + "' has " + node.gpuCount() + " GPUs, " + node.allocatableCpuMilli() + " CPU milli, " + node.allocatableMemoryMib()
        + " MiB memory, " + nics(node) + ")", field(fit));
  }

  /** The request field a failed fit is about. */
  private static String field(Fit fit) {
    if (fit == Fit.INSUFFICIENT_CPU) return "cpuMilli";
    if (fit == Fit.INSUFFICIENT_MEMORY) return "memoryMib";
    if (fit == Fit.NO_RDMA_NIC || fit == Fit.NO_NIC_NEAR_GPU) return "rdma";
    if (fit == Fit.INSUFFICIENT_NIC_BANDWIDTH) return "nicBandwidthMbps";
    return "gpus";
  }

  /** The node's NICs as a person reads them: {@code NICs ib0 400G RDMA, eno1 1G}, or {@code no NICs}. */
  private static String nics(Node node) {
    var nics = node.fabric().nics();
    if (nics.isEmpty()) return "no NICs";
    return "NICs " + String.join(", ", nics.stream()
        .map(nic -> nic.name() + " " + NicBandwidth.format(nic.bandwidthMbps()) + (nic.rdma() ? " RDMA" : "")).toList());
  }
}
