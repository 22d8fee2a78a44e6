package dev.sluice.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Sluice's CRDs, as {@code deploy/kubernetes/crds.yaml} defines them (packaged on the classpath by the build). */
public final class Crds {
  private static final String RESOURCE = "/dev/sluice/k8s/crds.yaml";

  private Crds() {
  }

  /** Creates the CRDs on the API server (for a test or a benchmark cluster; users apply the file). */
  public static void create(KubernetesClient client) {
    try (var in = Crds.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      client.load(in).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
