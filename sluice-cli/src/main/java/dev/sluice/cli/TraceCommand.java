package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "trace", mixinStandardHelpOptions = true, description = "Make pod lists from the traces.",
    subcommands = {TraceVaryCommand.class})
final class TraceCommand {
}
