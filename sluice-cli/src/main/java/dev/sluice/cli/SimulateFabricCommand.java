package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "fabric", mixinStandardHelpOptions = true,
    description = {"Experiments on the data-centre fabric around the GPUs; each writes summary.csv",
        "(experiment,fleet,policy,metric,value), summary.png and report.html into --out and prints a table."},
    subcommands = {SimulateFabricTopologyCommand.class, SimulateFabricDlrmCommand.class, SimulateFabricDpuCommand.class})
final class SimulateFabricCommand {
}
