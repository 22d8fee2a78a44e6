package dev.sluice.k8s.write;

import java.util.Objects;

/**
 * What became of one bind.
 *
 * @param pod     {@code namespace/name}
 * @param node    the node it was sent to
 * @param kind    whether it is bound, was bound already, was gone, or failed
 * @param message for a failure or a pod bound already, the API server's answer
 */
public record BindOutcome(String pod, String node, Kind kind, String message) {
  public enum Kind {
    BOUND,
    /**
     * The API server says the pod is bound already (409) to another node than this bind's ({@code node} is where it is,
     * when it could be read); one bound to this bind's node (an earlier try whose answer was lost) is {@link #BOUND}.
     */
    ALREADY_BOUND,
    VANISHED,
    FAILED
  }

  public BindOutcome {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
