package dev.sluice.core.model;

/** Whether a pod fits a node, and if not, the first constraint that fails. */
public enum Fit {
  FITS("fits"),
  GPU_MODEL_NOT_ALLOWED("GPU model not allowed"),
  TOO_FEW_GPUS("node has too few GPUs"),
  INSUFFICIENT_CPU("insufficient CPU"),
  INSUFFICIENT_MEMORY("insufficient memory"),
  INSUFFICIENT_GPU("insufficient free GPU");

  private final String description;

  Fit(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
