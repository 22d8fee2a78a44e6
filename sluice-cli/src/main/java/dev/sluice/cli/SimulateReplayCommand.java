package dev.sluice.cli;

import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.sim.replay.QueueStats;
import dev.sluice.sim.replay.ReplayEngine;
import dev.sluice.sim.replay.ReplayResult;
import dev.sluice.sim.replay.ReplaySchedulers;
import dev.sluice.sim.replay.ReplayWorkload;
import dev.sluice.sim.replay.TraceReplay;
import dev.sluice.sim.replay.Walltimes;
import dev.sluice.sim.report.ReplayCsv;
import dev.sluice.sim.report.ReplayReport;
import dev.sluice.sim.report.UtilizationPlot;
import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Dynamic replay: pods arrive at creation_time and leave after their runtime; a scheduling cycle",
        "runs after every batch of events. Compares schedulers by utilisation, queueing delay, time to reclaim,",
        "preemptions and distance from fair share; writes replay.csv, utilization.png and report.html into --out."})
final class SimulateReplayCommand implements Callable<Integer> {
  private static final double MINUTE = 60;

  @Spec
  CommandSpec spec;

  @Mixin
  TraceOptions traces;

  @Option(names = "--schedulers", paramLabel = "S1,S2", split = ",", defaultValue = "fifo,fifo-backfill,priority,fair-share",
      description = "Schedulers to compare (default: ${DEFAULT-VALUE}).")
  List<String> schedulers;

  @Option(names = "--placement", paramLabel = "POLICY", defaultValue = "sluice",
      description = "Placement policy of every scheduler (default: ${DEFAULT-VALUE}).")
  String placement;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
      description = "Seeds the spread of submissions over queues (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--compress", paramLabel = "K", defaultValue = "2000",
      description = {"Divides arrival times by K, runtimes kept (default: ${DEFAULT-VALUE}); the default trace as",
          "recorded never keeps more than 66 of its 6,212 GPUs busy, so nothing would ever wait."})
  long compress;

  @Option(names = "--copies", paramLabel = "N", defaultValue = "2",
      description = {"Submits the trace N times at the same times (default: ${DEFAULT-VALUE}); all pods of one copy",
          "together ask for fewer GPUs than the cluster has."})
  int copies;

  @Option(names = "--period", paramLabel = "SECONDS", defaultValue = "60",
      description = {"Virtual seconds between scheduling cycles; 0 runs one after every batch of arrivals and",
          "departures (default: ${DEFAULT-VALUE})."})
  long period;

  @Option(names = "--walltimes", paramLabel = "KIND", defaultValue = "declared",
      description = {"What every scheduler knows of how long pods run: declared (a walltime as users declare it,",
          "runtime / a with a drawn uniformly from [0.1, 1], rounded up to a minute), exact (the runtime itself) or",
          "none (default: ${DEFAULT-VALUE})."})
  String walltimes;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the report files.")
  Path out;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, IOException {
    validate();
    var nodesFile = traces.nodesFile(TraceFiles.ALL_NODES);
    var workload = walltimeKind().applyTo(
        TraceReplay.of(traces.readNodesFrom(nodesFile), traces.readTracePods(), TraceReplay.DEFAULT_LEAVES, seed, compress, copies), seed);
    if (workload.pods().isEmpty()) {
      throw new UserInputException("--pods: no pod of " + traces.podsFile() + " can be replayed on this cluster");
    }
    Files.createDirectories(out);
    var results = runWithProgress(workload);
    ReplayCsv.write(results, out.resolve("replay.csv"));
    UtilizationPlot.writePng(results, out.resolve("utilization.png"));
    var title = traces.podsFile().getFileName() + " on " + nodesFile.getFileName() + ", seed " + seed
        + ", placement " + placement + ", arrivals compressed " + compress + "x, " + copies + (copies == 1 ? " copy" : " copies")
        + (period == 0 ? ", a cycle after every batch of events" : ", a cycle every " + period + " s") + ", walltimes " + walltimes;
    ReplayReport.write(title, results, "utilization.png", out.resolve("report.html"));
    var printer = spec.commandLine().getOut();
    printer.printf(Locale.ROOT, "%nReplay of %d pods on %d nodes (%d GPUs), %s; %d pods skipped%n", workload.pods().size(),
        workload.nodes().size(), workload.gpuCapacityMilli() / 1000, title, workload.skipped().size());
    for (int i = 0; i < results.size(); i++) printTable(printer, results.get(i), wallSeconds.get(i));
    printer.println("Wrote " + out.resolve("report.html") + ", replay.csv and utilization.png in " + out);
    return 0;
  }

  private void validate() throws UserInputException {
    if (period < 0) throw new UserInputException("--period must be 0 or more seconds");
    if (compress < 1) throw new UserInputException("--compress must be at least 1");
    if (copies < 1 || copies > 100) throw new UserInputException("--copies must be in 1..100");
    for (var name : schedulers) {
      if (!ReplaySchedulers.names().contains(name)) {
        throw new UserInputException("--schedulers: unknown scheduler '" + name + "'; known: "
            + String.join(", ", ReplaySchedulers.names()));
      }
    }
    walltimeKind();
    if (!PlacementPolicies.names().contains(placement)) {
      throw new UserInputException("--placement: unknown policy '" + placement + "'; known: "
          + String.join(", ", PlacementPolicies.names()));
    }
  }

  private Walltimes walltimeKind() throws UserInputException {
    for (var kind : Walltimes.values()) if (kind.optionName().equals(walltimes)) return kind;
    throw new UserInputException("--walltimes: unknown kind '" + walltimes + "'; known: declared, exact, none");
  }

  private final List<Double> wallSeconds = new ArrayList<>();

  private List<ReplayResult> runWithProgress(ReplayWorkload workload) {
    var results = new ArrayList<ReplayResult>();
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(schedulers.size())
        .setStyle(ProgressBarStyle.ASCII).setUnit(" schedulers", 1).continuousUpdate().build()) {
      for (var name : schedulers) {
        var scheduler = ReplaySchedulers.named(name, workload, placement, seed);
        long start = System.nanoTime();
        results.add(new ReplayEngine(workload, scheduler, period).run(name));
        wallSeconds.add((System.nanoTime() - start) / 1e9);
        bar.step();
      }
    }
    return results;
  }

  private static void printTable(PrintWriter out, ReplayResult r, double seconds) {
    out.printf(Locale.ROOT, "%n%s: utilisation %.2f %% (mean allocated GPU over the arrival window), preemptions %d, moves %d,"
        + " cycles %d, unserved %d; replayed in %.1f s%n", r.scheduler(), r.utilizationPct(), r.preemptions(), r.moves(),
        r.cycles(), r.unserved(), seconds);
    out.printf(Locale.ROOT, "%-20s %9s %6s %8s %12s %9s %9s %12s %9s %14s %11s%n", "queue", "deserved%", "pods",
        "started", "delay mean", "p50", "p99", "|alloc-fair|", "reclaims", "reclaim mean", "max");
    for (QueueStats q : r.queues()) {
      out.printf(Locale.ROOT, "%-20s %9.1f %6d %8d %8.1f min %5.1f min %5.1f min %11.2f%% %9d %10.1f min %7.1f min%n", q.queue(),
          q.deservedPct(), q.pods(), q.started(), q.delayMean() / MINUTE, q.delayP50() / MINUTE, q.delayP99() / MINUTE,
          q.fairDistancePct(), q.reclaims(), q.reclaimMean() / MINUTE, q.reclaimMax() / MINUTE);
    }
    out.flush();
  }
}
