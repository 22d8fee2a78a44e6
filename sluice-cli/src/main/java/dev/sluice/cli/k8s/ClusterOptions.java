package dev.sluice.cli.k8s;

import dev.sluice.cli.UserInputException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach the cluster: {@code --kubeconfig}, else {@code $KUBECONFIG}, else {@code ~/.kube/config}, else in-cluster. */
public final class ClusterOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or the in-cluster service account).")
  Path kubeconfig;

  KubernetesClient client() throws UserInputException {
    if (kubeconfig == null) return build(Config.autoConfigure(null));
    try {
      return build(Config.fromKubeconfig(Files.readString(kubeconfig)));
    } catch (IOException e) {
      throw new UserInputException("--kubeconfig: cannot read " + kubeconfig + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new UserInputException("--kubeconfig: " + kubeconfig + " is not a usable kubeconfig: " + e.getMessage());
    }
  }

  /** A client that gives up on an unreachable API server within seconds; binds and evictions retry themselves. */
  private static KubernetesClient build(Config config) {
    config.setConnectionTimeout(5_000);
    config.setRequestRetryBackoffLimit(2);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
