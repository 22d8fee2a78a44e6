package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Replay cluster traces through Sluice's scheduling core.",
    subcommands = {SimulateFgdCommand.class, SimulateReplayCommand.class})
final class SimulateCommand {
}
