package dev.sluice.cli;

import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.sim.fgd.ArrivalCurve;
import dev.sluice.sim.fgd.FgdExperiment;
import dev.sluice.sim.fgd.FgdResult;
import dev.sluice.sim.fgd.PublishedResults;
import dev.sluice.sim.report.HtmlReport;
import dev.sluice.sim.report.PlacementsCsv;
import dev.sluice.sim.report.SummaryCsv;
import dev.sluice.sim.report.UnallocatedPlot;
import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fgd", mixinStandardHelpOptions = true,
    description = {"The FGD paper's fragmentation experiment (USENIX ATC'23): pods arrive one at a time and are",
        "placed or dropped; prints unallocated GPU %% at arrived = 100 %% per policy and writes summary.csv,",
        "unallocated.png and report.html into --out."})
final class SimulateFgdCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TraceOptions traces;

  @Option(names = "--policies", paramLabel = "P1,P2", split = ",",
      description = "Policies to compare (default: all: ${DEFAULT-VALUE}).", defaultValue = "random,dotprod,clustering,packing,bestfit,fgd,sluice")
  List<String> policies;

  @Option(names = "--seeds", paramLabel = "SEEDS", defaultValue = "42-51",
      description = "Seeds, as a range and/or list (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the report files.")
  Path out;

  @Option(names = "--placements", description = "Also write placements.csv with every decision of every run.")
  boolean placements;

  @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the number of cores).")
  Integer threads;

  @Option(names = "--tune-ratio", paramLabel = "R", defaultValue = "1.3",
      description = "Arrivals' GPU request as a share of capacity (default: ${DEFAULT-VALUE}).")
  double tuneRatio;

  @Option(names = "--bound", description = {"Also compute the offline bound per seed (an LP relaxation, see",
      "docs/placement.md) and print it as policy 'bound' with each policy's distance to it."})
  boolean bound;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, IOException, InterruptedException {
    var experiment = experiment();
    Files.createDirectories(out);
    var result = runWithProgress(experiment);
    var medians = result.medians();
    SummaryCsv.write(medians, out.resolve("summary.csv"));
    UnallocatedPlot.writePng(medians, out.resolve("unallocated.png"));
    var podsFile = traces.podsFile();
    HtmlReport.write(podsFile.getFileName() + " on " + traces.nodesFile().getFileName() + ", seeds " + seeds,
        medians, "unallocated.png", out.resolve("report.html"));
    if (placements) PlacementsCsv.write(result, out.resolve("placements.csv"));
    printTable(spec.commandLine().getOut(), PublishedResults.traceName(podsFile.getFileName().toString()), result);
    if (bound) BoundTable.print(spec.commandLine().getOut(), result, experiment.nodes());
    spec.commandLine().getOut().println("Wrote " + out.resolve("report.html") + " and summary.csv"
        + (placements ? ", placements.csv" : "") + " in " + out);
    return 0;
  }

  private FgdExperiment experiment() throws UserInputException, TraceFormatException {
    for (var policy : policies) {
      if (!PlacementPolicies.names().contains(policy)) {
        throw new UserInputException("--policies: unknown policy '" + policy + "'; known: "
            + String.join(", ", PlacementPolicies.names()));
      }
    }
    if (threads != null && threads < 1) throw new UserInputException("--threads must be at least 1");
    if (!(tuneRatio > 0 && tuneRatio <= 10)) throw new UserInputException("--tune-ratio must be in (0, 10]");
    var seedList = Seeds.parse(seeds);
    return new FgdExperiment(traces.readNodes(), traces.readPods(), policies, seedList, tuneRatio);
  }

  private FgdResult runWithProgress(FgdExperiment experiment) throws InterruptedException {
    int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    int total = experiment.policies().size() * experiment.seeds().size();
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulate").setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" runs", 1).continuousUpdate().build()) {
      return experiment.run(parallel, placements, (policy, seed) -> bar.step());
    }
  }

  private static final String BASELINE = "fgd";

  private static void printTable(PrintWriter out, String trace, FgdResult result) {
    var medians = result.medians();
    var means = result.means();
    boolean paired = result.policies().contains(BASELINE);
    out.println();
    out.println("GPU % at arrived = 100 % over " + result.setups().size() + " seeds, trace " + trace
        + " (paper: median for the default trace, mean for variants)");
    out.printf(Locale.ROOT, "%-22s %14s %12s %12s %12s %8s%s%n", "policy", "unalloc median", "unalloc mean",
        "allocated", "frag rate", "paper", paired ? String.format(Locale.ROOT, " %18s", "vs fgd: Δ, wins") : "");
    for (var policy : result.policies()) {
      var paper = PublishedResults.unallocatedAt100(trace, policy).map(SimulateFgdCommand::percent).orElse("-");
      ArrivalCurve median = medians.get(policy);
      out.printf(Locale.ROOT, "%-22s %14s %12s %12s %12s %8s%s%n", policy, percent(median.unallocatedPct(100)),
          percent(means.get(policy).unallocatedPct(100)), percent(median.allocatedPct()[100]),
          percent(median.fragRatePct()[100]), paper, paired ? " " + versusBaseline(result, policy) : "");
    }
    out.println();
  }

  /** The mean paired difference to FGD over seeds and the seeds won, e.g. "-0.54 10/10". */
  private static String versusBaseline(FgdResult result, String policy) {
    var paired = result.paired(policy, BASELINE, 100);
    if (policy.equals(BASELINE) || paired.seeds() == 0) return String.format(Locale.ROOT, "%18s", "-");
    return String.format(Locale.ROOT, "%18s", String.format(Locale.ROOT, "%+.2f %d/%d", paired.meanDifference(),
        paired.wins(), paired.seeds()));
  }

  /** Two decimals, or "-" where no pod arrived near that share (a small trace jumps over bins). */
  private static String percent(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
