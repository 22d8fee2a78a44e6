package dev.sluice.cli;

import dev.sluice.bench.K8sBenchmark;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "k8s", mixinStandardHelpOptions = true,
    description = {"Times Sluice scheduling through the Kubernetes API: fabric8's mock API server (CRUD mode, in this JVM,",
        "over loopback HTTP), a cluster of nodes of four kinds, and pods created while the scheduler runs; prints a",
        "table and a last summary line for scripts."})
final class BenchK8sCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "5000", description = "Nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--pods", defaultValue = "50000", description = "Pods to create (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--quiet-seconds", defaultValue = "5", description = "Stop once no pod was bound for this long (default: ${DEFAULT-VALUE}).")
  int quietSeconds;

  @Override
  public Integer call() throws UserInputException, InterruptedException {
    if (nodes < 1 || pods < 1 || quietSeconds < 1) throw new UserInputException("--nodes, --pods and --quiet-seconds must be at least 1");
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Kubernetes: %d nodes, %d pods created while Sluice schedules (mock API server in this JVM)%n", nodes, pods);
    out.flush();
    var r = new K8sBenchmark(nodes, pods, Duration.ofSeconds(quietSeconds)).run();
    out.printf(Locale.ROOT, "%10s %10s %8s %10s %8s %12s %12s %10s %8s%n", "create s", "drain s", "bound", "binds/s", "cycles",
        "decide ms", "cycle ms", "p99 ms", "heap MB");
    out.printf(Locale.ROOT, "%10.1f %10.1f %8d %10.0f %8d %12.0f %12.0f %10.0f %8d%n", r.createSeconds(), r.drainSeconds(), r.bound(),
        r.bindsPerSecond(), r.cycles(), r.decideMedianMs(), r.cycleMedianMs(), r.cycleP99Ms(), r.heapMb());
    out.printf(Locale.ROOT, "k8s-bench nodes=%d pods=%d binds_per_s=%.0f cycle_ms_median=%.0f heap_mb=%d%n", r.nodes(), r.pods(),
        r.bindsPerSecond(), r.cycleMedianMs(), r.heapMb());
    return 0;
  }
}
