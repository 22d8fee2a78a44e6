package dev.sluice.core.placement;

import dev.sluice.core.model.Fit;

/** What a placer made of one node state for one pod shape: whether the pod fits, and its score there. */
record NodeChoice(Fit fit, long score) {
  boolean fits() {
    return fit == Fit.FITS;
  }
}
