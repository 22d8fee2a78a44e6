package dev.sluice.cli.k8s;

import picocli.CommandLine.Command;

@Command(name = "k8s", mixinStandardHelpOptions = true, description = "Run Sluice on a Kubernetes cluster.",
    subcommands = {K8sSchedulerCommand.class, K8sWebhookCommand.class, K8sSnapshotCommand.class})
public final class K8sCommand {
}
