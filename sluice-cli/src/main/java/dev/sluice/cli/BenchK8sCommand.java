package dev.sluice.cli;

import dev.sluice.bench.BinderBenchmark;
import dev.sluice.bench.K8sBenchmark;
import java.io.PrintWriter;
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
        "table; then Sluice's own commit of one decided cycle against a mock API server that answers at once; and a",
        "last summary line for scripts."})
final class BenchK8sCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "5000", description = "Nodes of the in-memory decide run (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--pods", defaultValue = "50000", description = "Pending pods of the in-memory decide run (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--api-nodes", defaultValue = "500", description = "Nodes of the run through the mock API server (default: ${DEFAULT-VALUE}).")
  int apiNodes;

  @Option(names = "--api-pods", defaultValue = "5000", description = "Pods created in the run through the mock API server (default: ${DEFAULT-VALUE}).")
  int apiPods;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed decide cycles (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--quiet-seconds", defaultValue = "5", description = "Stop once no pod was bound for this long (default: ${DEFAULT-VALUE}).")
  int quietSeconds;

  @Option(names = "--binder-pods", defaultValue = "20000",
      description = "Pods of the commit against a mock API server that answers at once; 0 skips it (default: ${DEFAULT-VALUE}).")
  int binderPods;

  @Option(names = "--binder-parallelism", defaultValue = "64",
      description = "Binds in flight at once in that commit; Sluice's default is 64 (default: ${DEFAULT-VALUE}).")
  int binderParallelism;

  @Override
  public Integer call() throws UserInputException, InterruptedException {
    if (Math.min(Math.min(nodes, pods), Math.min(Math.min(apiNodes, apiPods), Math.min(quietSeconds, repeats))) < 1) {
      throw new UserInputException("--nodes, --pods, --api-nodes, --api-pods, --quiet-seconds and --repeats must be at least 1");
    }
    if (binderPods < 0 || binderParallelism < 1) {
      throw new UserInputException("--binder-pods must be at least 0 and --binder-parallelism at least 1");
    }
    var out = spec.commandLine().getOut();
    decide(out);
    var r = throughTheApi(out);
    var b = binderPods == 0 ? null : binder(out);
    out.printf(Locale.ROOT, "k8s-bench nodes=%d pods=%d binds_per_s=%.0f cycle_ms_median=%.0f heap_mb=%d%s%n", r.nodes(), r.pods(),
        r.bindsPerSecond(), r.cycleMedianMs(), r.heapMb(),
        b == null ? "" : String.format(Locale.ROOT, " binder_binds_per_s=%.0f binder_parallelism=%d", b.bindsPerSecond(), b.parallelism()));
    return 0;
  }

  private void decide(PrintWriter out) {
    out.printf(Locale.ROOT, "Deciding: %d nodes, %d pending pods as API objects in memory (read into a snapshot, then the core cycle; 1 warm-up, %d timed)%n",
        nodes, pods, repeats);
    out.flush();
    var d = K8sBenchmark.decide(nodes, pods, 1, repeats);
    out.printf(Locale.ROOT, "%10s %10s %10s %10s %8s%n", "read ms", "cycle ms", "total ms", "bound", "heap MB");
    out.printf(Locale.ROOT, "%10.0f %10.0f %10.0f %10d %8d%n%n", d.readMedianMs(), d.cycleMedianMs(), d.readMedianMs() + d.cycleMedianMs(), d.bound(),
        d.heapMb());
  }

  private K8sBenchmark.Result throughTheApi(PrintWriter out) throws InterruptedException {
    out.printf(Locale.ROOT, "Through the API: %d nodes, %d pods created while Sluice schedules (fabric8's mock API server in this JVM)%n", apiNodes,
        apiPods);
    out.flush();
    var r = new K8sBenchmark(apiNodes, apiPods, Duration.ofSeconds(quietSeconds)).run();
    out.printf(Locale.ROOT, "%10s %10s %8s %10s %8s %12s %12s %10s %8s%n", "create s", "drain s", "bound", "binds/s", "cycles",
        "decide ms", "cycle ms", "p99 ms", "heap MB");
    out.printf(Locale.ROOT, "%10.1f %10.1f %8d %10.0f %8d %12.0f %12.0f %10.0f %8d%n", r.createSeconds(), r.drainSeconds(), r.bound(),
        r.bindsPerSecond(), r.cycles(), r.decideMedianMs(), r.cycleMedianMs(), r.cycleP99Ms(), r.heapMb());
    return r;
  }

  private BinderBenchmark.Result binder(PrintWriter out) throws InterruptedException {
    out.printf(Locale.ROOT, "%nSluice's binder against an API server that answers at once: one decided cycle of %d pods on %d nodes committed by%n"
        + "Sluice's own commit (binds, then their Events in the background, then statuses) to fabric8's mock API server in%n"
        + "expectations mode (no store) in this JVM, %d binds in flight at most%n", binderPods, Math.max(1, binderPods / 2), binderParallelism);
    out.flush();
    var b = BinderBenchmark.run(binderPods, binderParallelism);
    out.printf(Locale.ROOT, "%8s %8s %7s %9s %9s %10s %10s %9s %14s %7s %8s %8s%n", "placed", "bound", "failed", "commit s", "binds/s",
        "bind p50 ms", "bind p99 ms", "in flight", "events (commit)", "other", "non-2xx", "heap MB");
    out.printf(Locale.ROOT, "%8d %8d %7d %9.2f %9.0f %10.2f %10.2f %9d %14s %7d %8d %8d%n", b.placed(), b.bound(), b.failed(), b.commitSeconds(),
        b.bindsPerSecond(), b.bindP50Ms(), b.bindP99Ms(), b.parallelism(), b.events() + " (" + b.eventsInCommit() + ")", b.others(), b.refused(),
        b.heapMb());
    return b;
  }
}
