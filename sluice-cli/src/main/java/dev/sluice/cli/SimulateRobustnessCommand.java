package dev.sluice.cli;

import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.sim.fgd.FgdExperiment;
import dev.sluice.sim.report.RobustnessCsv;
import dev.sluice.sim.report.RobustnessHeatMap;
import dev.sluice.sim.robustness.PointResult;
import dev.sluice.sim.robustness.RobustnessGrid;
import dev.sluice.sim.robustness.RobustnessSweep;
import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "robustness", mixinStandardHelpOptions = true,
    description = {"A policy against FGD over a grid of workload mixes made by 'trace vary' from --pods: --files pod",
        "lists per point, every seed each. Prints per point the mean unallocated GPU %% at arrived = 100 %% and the",
        "paired policy - baseline difference with the (file, seed) pairs won; writes robustness.csv and",
        "heatmap.png into --out. The default grid is issue 13's (CPU-only CPU 1x-4x the default trace's)."})
final class SimulateRobustnessCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TraceOptions traces;

  @Option(names = "--cpu-shares", split = ",", paramLabel = "X1,X2", defaultValue = "0.225,0.367,0.465,0.537",
      description = "CPU-only pods' shares of all CPU (default: ${DEFAULT-VALUE}: 1x, 2x, 3x, 4x the default trace's CPU-only CPU).")
  List<Double> cpuShares;

  @Option(names = "--sharing-shares", split = ",", paramLabel = "Y1,Y2", defaultValue = "0.285,0.6,1.0",
      description = "Sharing pods' shares of GPU milli (default: ${DEFAULT-VALUE}).")
  List<Double> sharingShares;

  @Option(names = "--multi-gpu-shares", split = ",", paramLabel = "Z1,Z2", defaultValue = "0,0.3,0.6",
      description = "Multi-GPU pods' shares of GPU milli (default: ${DEFAULT-VALUE}); points over 1 with the sharing share are left out.")
  List<Double> multiGpuShares;

  @Option(names = "--gpu-spec-shares", split = ",", paramLabel = "W1,W2", defaultValue = "0,0.2,0.4",
      description = "Shares of GPU pods tied to GPU models (default: ${DEFAULT-VALUE}).")
  List<Double> gpuSpecShares;

  @Option(names = "--files", defaultValue = "3", description = "Generated pod lists per point (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--seeds", defaultValue = "42-51", description = "Seeds per pod list (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--policy", defaultValue = "sluice", description = "The policy (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--baseline", defaultValue = "fgd", description = "The baseline (default: ${DEFAULT-VALUE}).")
  String baseline;

  @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the number of cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for robustness.csv and heatmap.png.")
  Path out;

  @Option(names = "--bound", description = "Also compute the offline bound (LP relaxation) of every list and seed.")
  boolean bound;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, IOException, InterruptedException {
    for (var name : List.of(policy, baseline)) {
      if (!PlacementPolicies.names().contains(name)) throw new UserInputException("unknown policy '" + name + "'");
    }
    if (files < 1) throw new UserInputException("--files must be at least 1");
    var grid = grid();
    var sweep = new RobustnessSweep(traces.readNodes(), traces.readTracePods(), policy, baseline, files,
        Seeds.parse(seeds), FgdExperiment.PAPER_TUNE_RATIO, bound);
    Files.createDirectories(out);
    var print = spec.commandLine().getOut();
    printHeader(print, grid);
    var results = sweep.run(grid, threads != null ? threads : Runtime.getRuntime().availableProcessors(),
        point -> printPoint(print, point));
    RobustnessCsv.write(results, out.resolve("robustness.csv"));
    RobustnessHeatMap.writePng(List.of(policy + " - " + baseline + ": unallocated GPU % at arrived = 100 %",
        "paired mean and (file, seed) pairs won; blue: " + policy + " lower"), results, out.resolve("heatmap.png"));
    printSummary(print, results);
    return 0;
  }

  private RobustnessGrid grid() throws UserInputException {
    try {
      var grid = new RobustnessGrid(cpuShares, sharingShares, multiGpuShares, gpuSpecShares);
      if (grid.points().isEmpty()) throw new UserInputException("the grid has no point with sharing + multi-GPU <= 1");
      return grid;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  private void printHeader(PrintWriter print, RobustnessGrid grid) {
    print.printf(Locale.ROOT, "%d points x %d pod lists x seeds %s; unallocated GPU %% at arrived = 100 %% (means)%n",
        grid.points().size(), files, seeds);
    print.printf(Locale.ROOT, "%6s %7s %6s %5s | %7s %7s | %8s %7s | %6s%n", "cpu", "sharing", "multi", "spec", baseline,
        policy, "delta", "won", "bound");
    print.flush();
  }

  private static void printPoint(PrintWriter print, PointResult p) {
    var mix = p.mix();
    print.printf(Locale.ROOT, "%6.3f %7.3f %6.3f %5.2f | %7.2f %7.2f | %+8.2f %7s | %6s%n", mix.cpuShare(),
        mix.sharingShare(), mix.multiGpuShare(), mix.gpuSpecShare(), p.baselineUnallocated(), p.policyUnallocated(),
        p.meanDifference(), p.wins() + "/" + p.pairs(),
        Double.isNaN(p.boundUnallocated()) ? "-" : String.format(Locale.ROOT, "%.2f", p.boundUnallocated()));
    print.flush();
  }

  private void printSummary(PrintWriter print, List<PointResult> results) {
    long lost = results.stream().filter(p -> p.meanDifference() >= 0).count();
    var worst = results.stream().max(Comparator.comparingDouble(PointResult::meanDifference)).orElseThrow();
    print.printf(Locale.ROOT, "%n%s lower than %s at %d of %d points; worst point %s: %+.2f (%d/%d)%n", policy,
        baseline, results.size() - lost, results.size(), worst.mix(), worst.meanDifference(), worst.wins(),
        worst.pairs());
    print.println("Wrote " + out.resolve("robustness.csv") + " and heatmap.png");
  }
}
