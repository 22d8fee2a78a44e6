package dev.sluice.cli;

import dev.sluice.sim.topology.GangMix;
import dev.sluice.sim.topology.RackFleet;
import dev.sluice.sim.topology.TopologyExperiment;
import dev.sluice.sim.topology.TopologyPolicy;
import dev.sluice.sim.topology.TopologyResult;
import dev.sluice.sim.topology.TrainingGang;
import dev.sluice.sim.trace.PodListReader;
import dev.sluice.sim.trace.TraceFormatException;
import dev.sluice.sim.trace.TracePod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topology", mixinStandardHelpOptions = true,
    description = {"Topology-aware gangs: multi-node training gangs drawn from the trace's multi-GPU pods on a synthetic",
        "fleet of racks in blocks, replayed through Sluice's scheduler with no topology constraint, a preferred and a",
        "required rack (or block, for gangs no rack holds), and a required one chosen by KAI-Scheduler's fullest-domain",
        "rule. Measures the gangs spanning racks and blocks, queueing delay and GPU utilisation (docs/fabric.md)."})
final class SimulateFabricTopologyCommand implements Callable<Integer> {
  private static final long HOUR = 3_600;

  @Spec
  CommandSpec spec;

  @Option(names = "--pods", paramLabel = "FILE",
      description = "Pod list CSV with creation and deletion times (openb format). Default: openb_pod_list_default.csv in ../shared/traces.")
  Path pods;

  @Option(names = "--racks", defaultValue = "64", description = "Racks (default: ${DEFAULT-VALUE}).")
  int racks;

  @Option(names = "--nodes-per-rack", defaultValue = "16", description = "Nodes in each rack (default: ${DEFAULT-VALUE}).")
  int nodesPerRack;

  @Option(names = "--gpus-per-node", defaultValue = "8", description = "GPUs in each node (default: ${DEFAULT-VALUE}).")
  int gpusPerNode;

  @Option(names = "--racks-per-block", defaultValue = "8", description = "Racks in each block (default: ${DEFAULT-VALUE}).")
  int racksPerBlock;

  @Option(names = "--gangs", defaultValue = "2000", description = "Training gangs to submit (default: ${DEFAULT-VALUE}).")
  int gangs;

  @Option(names = "--gang-size", paramLabel = "MIN-MAX", defaultValue = "2-32",
      description = "Pods in a gang, drawn log-uniformly (default: ${DEFAULT-VALUE}).")
  String gangSize;

  @Option(names = "--load", defaultValue = "0.9",
      description = "Offered load: the gangs' GPU-seconds over the fleet's GPUs × the arrival window (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--max-runtime-hours", defaultValue = "24",
      description = "A gang runs its pod's lifetime in the trace, at most this long (default: ${DEFAULT-VALUE}).")
  long maxRuntimeHours;

  @Option(names = "--policies", paramLabel = "P1,P2", split = ",",
      defaultValue = "topology-blind,topology-preferred,topology-required,kai-fullest-domain",
      description = "Policies to compare (default: ${DEFAULT-VALUE}).")
  List<String> policies;

  @Option(names = "--seed", defaultValue = "42", description = "Seeds the gangs and the scheduler (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the report files.")
  Path out;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, IOException {
    var chosen = policies();
    var fleet = fleet();
    var mix = mix();
    var podsFile = pods != null ? pods : TraceFiles.alibaba2023(TraceFiles.DEFAULT_PODS, "--pods");
    var trace = PodListReader.read(podsFile);
    if (GangMix.templates(trace).isEmpty()) {
      throw new UserInputException("--pods: " + podsFile + " has no pod with 2 or more whole GPUs and creation and deletion times");
    }
    var experiment = new TopologyExperiment(fleet, drawn(mix, trace, fleet), seed);
    var printer = spec.commandLine().getOut();
    printer.printf(Locale.ROOT, "Topology-aware gangs: %d gangs of %s pods on %s (%d nodes, %d GPUs); %.1f %% of the gangs"
        + " are wider than a rack%n", gangs, gangSize, fleet.shape(), racks * nodesPerRack, fleet.gpus(), experiment.widerThanARackPct());
    printer.flush();
    var results = experiment.run(chosen, r -> {
      printer.printf(Locale.ROOT, "  %s: %d cycles%n", r.policy(), r.cycles());
      printer.flush();
    });
    var rows = experiment.rows(results);
    FabricReport.write(printer, out, "Topology-aware gangs", notes(podsFile, fleet, experiment), rows,
        TopologyResult.metrics().subList(0, 6));
    return 0;
  }

  private List<String> notes(Path podsFile, RackFleet fleet, TopologyExperiment experiment) {
    return List.of(String.format(Locale.ROOT, "%d gangs of %s pods copied from the multi-GPU pods of %s, offered load %.2f,"
            + " runtimes at most %d h, seed %d, on %d racks of %d nodes of %d GPUs, %d racks a block (%s).", gangs, gangSize,
            podsFile.getFileName(), load, maxRuntimeHours, seed, racks, nodesPerRack, gpusPerNode, racksPerBlock, fleet.shape()),
        String.format(Locale.ROOT, "%.1f %% of the gangs are wider than any rack: under every policy they span racks (and"
            + " keep to a block when required).", experiment.widerThanARackPct()),
        "Delays in minutes from arrival to start; gpu_util_pct over the makespan (first arrival to last departure),"
            + " gpu_util_arrivals_pct from the first arrival to the last. See docs/fabric.md.");
  }

  private List<TopologyPolicy> policies() throws UserInputException {
    var chosen = new ArrayList<TopologyPolicy>();
    for (var label : policies) {
      try {
        chosen.add(TopologyPolicy.named(label.trim()));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--policies: " + e.getMessage());
      }
    }
    return chosen;
  }

  private RackFleet fleet() throws UserInputException {
    if (racks < 1 || nodesPerRack < 1 || gpusPerNode < 1) {
      throw new UserInputException("--racks, --nodes-per-rack and --gpus-per-node must be at least 1");
    }
    if (racksPerBlock < 1 || racksPerBlock > racks) throw new UserInputException("--racks-per-block must be in 1.." + racks);
    if ((long) racks * nodesPerRack > 100_000) throw new UserInputException("--racks × --nodes-per-rack must be at most 100,000");
    return RackFleet.of(racks, nodesPerRack, gpusPerNode, racksPerBlock);
  }

  private GangMix mix() throws UserInputException {
    var bounds = gangSize.split("-", -1);
    int min;
    int max;
    try {
      if (bounds.length != 2) throw new NumberFormatException();
      min = Integer.parseInt(bounds[0].trim());
      max = Integer.parseInt(bounds[1].trim());
    } catch (NumberFormatException e) {
      throw new UserInputException("--gang-size: '" + gangSize + "' is not a range like 2-32");
    }
    if (min < 2 || max < min) throw new UserInputException("--gang-size: need 2 <= MIN <= MAX, was " + gangSize);
    if (gangs < 1 || gangs > 1_000_000) throw new UserInputException("--gangs must be in 1..1000000");
    if (!(load > 0) || load > 10) throw new UserInputException("--load must be above 0 and at most 10");
    if (maxRuntimeHours < 1) throw new UserInputException("--max-runtime-hours must be at least 1");
    return new GangMix(gangs, min, max, load, maxRuntimeHours * HOUR, seed);
  }

  private static List<TrainingGang> drawn(GangMix mix, List<TracePod> trace, RackFleet fleet) throws UserInputException {
    try {
      return mix.draw(trace, fleet);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--pods: " + e.getMessage());
    }
  }
}
