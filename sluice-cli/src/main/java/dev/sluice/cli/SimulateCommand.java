package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Replay cluster traces, or a saved Kubernetes cluster, through Sluice's scheduling core.",
    subcommands = {SimulateFgdCommand.class, SimulateRobustnessCommand.class, SimulateReplayCommand.class,
        SimulateSnapshotCommand.class, SimulateFabricCommand.class})
final class SimulateCommand {
}
