package dev.sluice.k8s.read;

import java.util.Objects;

/**
 * A bind Sluice sent that the informer has not shown yet: the pod counts as running there until it does.
 *
 * @param node  the node it was bound to
 * @param gpu   the GPU a fractional pod shares, or -1
 * @param since when it was sent (milliseconds of the scheduler's clock)
 */
public record AssumedBind(String node, int gpu, long since) {
  public AssumedBind {
    Objects.requireNonNull(node, "node");
  }
}
