package dev.sluice.cli;

import dev.sluice.cli.client.Table;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.SnapshotFile;
import dev.sluice.k8s.WhatIf;
import dev.sluice.k8s.read.ClusterObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Run one scheduling cycle on a cluster saved by 'sluice k8s snapshot' and print what it would bind,",
        "evict and leave waiting, and why; nothing is changed. --queues tries other queues (what if this quota changes)."})
final class SimulateSnapshotCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A snapshot written by 'sluice k8s snapshot --out FILE'.")
  Path file;

  @Option(names = "--queues", paramLabel = "FILE", description = "YAML of Queue objects that replace the snapshot's queues.")
  Path queues;

  @Option(names = "--placement", paramLabel = "POLICY", defaultValue = "sluice", description = "Placement policy (default: ${DEFAULT-VALUE}).")
  String placement;

  @Option(names = "--scheduler-name", defaultValue = "sluice", description = "Pods with this schedulerName are Sluice's (default: ${DEFAULT-VALUE}).")
  String schedulerName;

  @Override
  public Integer call() throws UserInputException, IOException {
    if (!PlacementPolicies.names().contains(placement)) {
      throw new UserInputException("--placement: unknown policy '" + placement + "'; known: " + String.join(", ", PlacementPolicies.names()));
    }
    var objects = SnapshotFile.read(file);
    if (queues != null) {
      objects = new ClusterObjects(objects.nodes(), objects.pods(), SnapshotFile.readQueues(queues), objects.podGroups(), objects.namespaces(),
          objects.priorityClasses(), objects.jobs());
    }
    var outcome = WhatIf.run(objects, K8sConfig.defaults().withSchedulerName(schedulerName),
        SchedulerConfig.defaults().withPlacementPolicy(placement), Instant.now().toEpochMilli());
    print(outcome);
    return 0;
  }

  private void print(WhatIf.Outcome outcome) {
    var out = spec.commandLine().getOut();
    var table = new Table("DECISION", "WORKLOAD", "QUEUE", "WHERE / WHY");
    int binds = 0;
    int evictions = 0;
    for (var d : outcome.result().decisions()) {
      switch (d) {
        case SchedulingDecision.Bind b -> {
          binds++;
          table.row("bind", b.workload().id(), b.workload().queue(), b.pods().stream().map(SimulateSnapshotCommand::where).collect(Collectors.joining(" ")));
        }
        case SchedulingDecision.Evict e -> {
          evictions++;
          table.row("evict", e.workload().id(), e.workload().queue(), e.cause().kind().code() + ": " + e.cause().message());
        }
        case SchedulingDecision.Move m -> {
          evictions++;
          table.row("evict", m.workload().id(), m.workload().queue(), "to be placed again (Kubernetes cannot move a pod): " + m.cause().message());
        }
        case SchedulingDecision.Pending p -> table.row("wait", p.workload().id(), p.workload().queue(),
            "#" + p.queuePosition() + " [" + p.reason().code() + "] " + p.reason().message());
      }
    }
    for (var gang : outcome.read().held()) {
      table.row("held", gang.id(), gang.queue(), "[" + gang.hold().code() + "] " + gang.hold().message());
    }
    table.print(out);
    out.println("what-if: " + outcome.read().snapshot().cluster().nodes().size() + " nodes, " + outcome.read().snapshot().running().size()
        + " workloads running, " + binds + " would bind, " + evictions + " would be evicted, " + outcome.result().pending().size()
        + " would wait, " + outcome.read().held().size() + " held");
  }

  private static String where(PodBinding binding) {
    String pod = binding.pod().name();
    return pod.substring(pod.indexOf('/') + 1) + "→" + binding.node() + (binding.gpus().isEmpty() ? "" : ":" + binding.gpus());
  }
}
