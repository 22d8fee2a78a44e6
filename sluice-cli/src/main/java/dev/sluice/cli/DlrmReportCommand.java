package dev.sluice.cli;

import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmTraceReader;
import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the experiments on the Alibaba 2025 DLRM trace share: reading the trace, the report and the table. */
abstract class DlrmReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "The DLRM trace CSV. Default: alibaba-gpu-2025/disaggregated_DLRM_trace.csv in ../shared/traces.")
  Path trace;

  @Option(names = "--seed", defaultValue = "42", description = "Seeds the nodes' tie order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the report files.")
  Path out;

  /** The experiment's figures on the trace. */
  abstract List<MetricRow> measure(List<DlrmInstance> instances);

  abstract String heading();

  abstract List<String> notes();

  abstract List<String> charted();

  @Override
  public Integer call() throws UserInputException, IOException {
    var file = trace != null ? trace : TraceFiles.alibaba2025("--trace");
    List<DlrmInstance> instances;
    try {
      instances = DlrmTraceReader.read(file);
    } catch (TraceFormatException e) {
      throw new UserInputException("--trace: " + e.getMessage());
    }
    var printer = spec.commandLine().getOut();
    printer.printf(Locale.ROOT, "%s: %d instances of %s, seed %d%n", heading(), instances.size(), file.getFileName(), seed);
    printer.flush();
    var rows = measure(instances);
    FabricReport.write(printer, out, heading(), notes(), rows, charted());
    return 0;
  }
}
