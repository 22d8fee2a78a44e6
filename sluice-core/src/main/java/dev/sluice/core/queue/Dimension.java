package dev.sluice.core.queue;

import java.util.Objects;

/**
 * A resource a quota can be set on: CPU (milli), memory (MiB), GPUs of any model (milli), or GPUs of one
 * model (milli), spelled {@code cpu}, {@code memory}, {@code gpu} and {@code gpu/MODEL}.
 */
public record Dimension(String name) {
  public static final Dimension CPU = new Dimension("cpu");
  public static final Dimension MEMORY = new Dimension("memory");
  public static final Dimension GPU = new Dimension("gpu");
  private static final String GPU_MODEL_PREFIX = "gpu/";

  public Dimension {
    Objects.requireNonNull(name, "name");
    if (!name.equals("cpu") && !name.equals("memory") && !name.equals("gpu")
        && !(name.startsWith(GPU_MODEL_PREFIX) && name.length() > GPU_MODEL_PREFIX.length())) {
      throw new IllegalArgumentException("unknown resource '" + name + "'; use cpu, memory, gpu or gpu/MODEL");
    }
  }

  public static Dimension gpu(String model) {
    return new Dimension(GPU_MODEL_PREFIX + model);
  }

  public boolean isGpuModel() {
    return name.startsWith(GPU_MODEL_PREFIX);
  }

  @Override
  public String toString() {
    return name;
  }
}
