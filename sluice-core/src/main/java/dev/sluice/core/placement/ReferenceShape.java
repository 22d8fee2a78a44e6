package dev.sluice.core.placement;

/**
 * The machine the FGD paper's baseline scores divide by: the largest node of the Alibaba cluster, 128 cores
 * and 8 GPUs. Kept as in the paper so that its scores, and their ties, are reproduced.
 */
final class ReferenceShape {
  static final double CPU_MILLI = 128_000;
  static final double GPU_MILLI = 8_000;

  private ReferenceShape() {
  }
}
