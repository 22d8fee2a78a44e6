package dev.sluice.cli.k8s;

import dev.sluice.cli.UserInputException;
import dev.sluice.k8s.KubernetesSetupException;
import dev.sluice.k8s.SnapshotFile;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Save what Sluice schedules from (nodes, pods, queues, pod groups, namespaces, priority classes, Jobs)",
        "to one YAML file, for 'sluice simulate snapshot'."})
public final class K8sSnapshotCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the snapshot (YAML).")
  Path out;

  @Override
  public Integer call() throws UserInputException, KubernetesSetupException, IOException {
    try (var client = cluster.client()) {
      var objects = SnapshotFile.list(client);
      SnapshotFile.write(objects, out);
      spec.commandLine().getOut().println("sluice: wrote " + out + ": " + objects.nodes().size() + " nodes, " + objects.pods().size() + " pods, "
          + objects.queues().size() + " queues, " + objects.podGroups().size() + " pod groups");
    } catch (KubernetesClientException e) {
      throw new KubernetesSetupException("cannot list the cluster's objects: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return 0;
  }
}
