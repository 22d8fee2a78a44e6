package dev.sluice.core.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a pod fits a node, and if not, which {@link NodeConstraint} failed: a code a program can parse
 * and a description a person can read. The set is open: a constraint may name its own, e.g. one per
 * extended resource. Each fit has a small id, in the order fits were first named, so that the standard
 * ones come first in messages.
 */
public final class Fit {
  /** How many distinct fits there may be, so that ids fit in a placer's packed verdicts. */
  public static final int MAX_FITS = 4096;
  private static final Map<String, Fit> BY_CODE = new ConcurrentHashMap<>();
  private static final Object LOCK = new Object();
  private static volatile Fit[] byId = new Fit[0];

  public static final Fit FITS = of("fits", "fits");
  public static final Fit GPU_MODEL_NOT_ALLOWED = of("gpu-model", "GPU model not allowed");
  public static final Fit TOO_FEW_GPUS = of("gpu-count", "node has too few GPUs");
  public static final Fit INSUFFICIENT_CPU = of("cpu", "insufficient CPU");
  public static final Fit INSUFFICIENT_MEMORY = of("memory", "insufficient memory");
  public static final Fit INSUFFICIENT_GPU = of("gpu", "insufficient free GPU");
  public static final Fit NO_RDMA_NIC = of("rdma", "no RDMA NIC");
  public static final Fit INSUFFICIENT_NIC_BANDWIDTH = of("nic-bandwidth", "insufficient NIC bandwidth");
  public static final Fit NO_NIC_NEAR_GPU = of("nic-affinity", "no free GPU with RDMA bandwidth on its PCIe root or NUMA node");
  public static final Fit INSUFFICIENT_NVME = of("nvme", "insufficient local NVMe");
  public static final Fit DENSITY_CAP = of("density", "app at its per-node instance limit");

  private final int id;
  private final String code;
  private final String description;

  private Fit(int id, String code, String description) {
    this.id = id;
    this.code = code;
    this.description = description;
  }

  /** The fit named {@code code}, made with {@code description} the first time the code is named. */
  public static Fit of(String code, String description) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(description, "description");
    var known = BY_CODE.get(code);
    if (known != null) return known;
    synchronized (LOCK) {
      return BY_CODE.computeIfAbsent(code, c -> {
        var ids = byId;
        if (ids.length == MAX_FITS) throw new IllegalStateException("more than " + MAX_FITS + " kinds of fit");
        var fit = new Fit(ids.length, c, description);
        var grown = Arrays.copyOf(ids, ids.length + 1);
        grown[fit.id] = fit;
        byId = grown;
        return fit;
      });
    }
  }

  /** The fit whose id is {@code id}. */
  public static Fit byId(int id) {
    return byId[id];
  }

  /** How many fits have been named so far: every id is below it. */
  public static int count() {
    return byId.length;
  }

  /** The fit that says the node lacks enough of the extended resource {@code name}. */
  public static Fit insufficient(String extendedResource) {
    return of("extended:" + extendedResource, "insufficient " + extendedResource);
  }

  public int id() {
    return id;
  }

  public String code() {
    return code;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return code;
  }
}
