package dev.sluice.core.model;

/**
 * One yes/no question placement asks of a node for a pod: {@link Fit#FITS}, or the fit that names what is
 * missing. Constraints look at the node's state and the pod's shape only, so that their answers can be
 * remembered per state.
 */
@FunctionalInterface
public interface NodeConstraint {
  Fit check(NodeState node, PodShape pod);
}
