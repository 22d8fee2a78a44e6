package dev.sluice.k8s.read;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.Quota;
import dev.sluice.k8s.resource.QueueResource;
import java.util.HashMap;
import java.util.Map;

/** Queue resources as the core's queue terms: GPUs in milli-GPU, CPU in millicores, memory in MiB. */
public final class QueueSpecs {
  private QueueSpecs() {
  }

  /** The queue's terms, or what is wrong with them, naming the field. */
  public static Parsed<QueueSpec> of(QueueResource queue) {
    var spec = queue.getSpec() == null ? new QueueResource.Spec(null, null, null, null) : queue.getSpec();
    var quotas = new HashMap<Dimension, Quota>();
    var resources = spec.resources() == null ? Map.<String, QueueResource.Terms>of() : spec.resources();
    for (var e : resources.entrySet()) {
      Dimension dimension;
      try {
        dimension = new Dimension(e.getKey());
      } catch (IllegalArgumentException ex) {
        return new Parsed.Invalid<>("spec.resources." + e.getKey(), "unknown resource; use gpu, cpu or memory");
      }
      if (dimension.isGpuModel()) return new Parsed.Invalid<>("spec.resources." + e.getKey(), "put GPU models under spec.gpuModels");
      var quota = quota(dimension, e.getValue(), "spec.resources." + e.getKey());
      if (quota instanceof Parsed.Invalid<Quota> invalid) return invalid.as();
      quotas.put(dimension, ((Parsed.Ok<Quota>) quota).value());
    }
    var models = spec.gpuModels() == null ? Map.<String, QueueResource.Terms>of() : spec.gpuModels();
    for (var e : models.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank() || e.getKey().length() > 253) {
        return new Parsed.Invalid<>("spec.gpuModels", "a GPU model name must be 1 to 253 characters");
      }
      var quota = quota(Dimension.GPU, e.getValue(), "spec.gpuModels." + e.getKey());
      if (quota instanceof Parsed.Invalid<Quota> invalid) return invalid.as();
      quotas.put(Dimension.gpu(e.getKey()), ((Parsed.Ok<Quota>) quota).value());
    }
    String parent = spec.parent() == null || spec.parent().isBlank() ? null : spec.parent();
    return new Parsed.Ok<>(new QueueSpec(queue.getMetadata().getName(), parent, spec.priority() == null ? 0 : spec.priority(), quotas,
        Boolean.TRUE.equals(spec.nonPreemptibleAboveDeserved())));
  }

  private static Parsed<Quota> quota(Dimension dimension, QueueResource.Terms terms, String field) {
    if (terms == null) return new Parsed.Ok<>(Quota.deserved(0));
    try {
      long deserved = terms.deserved() == null ? 0 : amount(dimension, terms.deserved());
      long limit = terms.limit() == null ? Quota.UNLIMITED : amount(dimension, terms.limit());
      long lending = terms.lendingLimit() == null ? Quota.UNLIMITED : amount(dimension, terms.lendingLimit());
      double weight = terms.overQuotaWeight() == null ? 1 : terms.overQuotaWeight();
      return new Parsed.Ok<>(new Quota(deserved, limit, weight, lending));
    } catch (RuntimeException e) {
      return new Parsed.Invalid<>(field, "not a valid quantity (" + e.getMessage() + ")");
    }
  }

  /** An amount of a dimension in the core's unit. */
  static long amount(Dimension dimension, io.fabric8.kubernetes.api.model.Quantity quantity) {
    return dimension.equals(Dimension.MEMORY) ? KubeQuantities.mib(quantity) : KubeQuantities.milli(quantity);
  }
}
