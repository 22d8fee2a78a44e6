package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print a table.",
    subcommands = {BenchSimulateCommand.class, BenchCycleCommand.class, BenchApiCommand.class, BenchK8sCommand.class})
final class BenchCommand {
}
