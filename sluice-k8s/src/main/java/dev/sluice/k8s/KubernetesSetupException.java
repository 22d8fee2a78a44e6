package dev.sluice.k8s;

/** The cluster cannot be scheduled as it is: the API server is unreachable, or Sluice's CRDs are missing. */
public final class KubernetesSetupException extends Exception {
  public KubernetesSetupException(String message) {
    super(message);
  }
}
