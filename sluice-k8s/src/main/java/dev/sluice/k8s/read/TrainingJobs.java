package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gangs of the training operators' jobs, sized as those controllers define them: a PyTorchJob's pods (its
 * controller) run together, {@code runPolicy.schedulingPolicy.minAvailable} of them, else all its replicas; a
 * JobSet's pods (label {@code jobset.sigs.k8s.io/jobset-name}) run together, every replicated Job's replicas
 * times its parallelism.
 */
final class TrainingJobs {
  static final String JOBSET_LABEL = "jobset.sigs.k8s.io/jobset-name";
  private final Map<String, GenericKubernetesResource> byKey = new HashMap<>();

  TrainingJobs(List<GenericKubernetesResource> jobs) {
    for (var j : jobs) byKey.put(j.getKind() + "/" + j.getMetadata().getNamespace() + "/" + j.getMetadata().getName(), j);
  }

  /** The gang of the JobSet or PyTorchJob the pod belongs to, if any. */
  static Optional<GangKey> gangOf(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String jobSet = Pods.labels(pod).get(JOBSET_LABEL);
    if (jobSet != null && !jobSet.isBlank()) return Optional.of(new GangKey(ns, GangKey.Kind.JOB_SET, jobSet));
    return Pods.controller(pod).filter(o -> "PyTorchJob".equals(o.getKind()) && o.getApiVersion().startsWith("kubeflow.org/"))
        .map(o -> new GangKey(ns, GangKey.Kind.PYTORCH_JOB, o.getName()));
  }

  /** The gang's minimum, or empty when its job is not known (the CRD is missing or the informer lags). */
  Optional<Integer> minMembers(GangKey gang) {
    boolean jobSet = gang.kind() == GangKey.Kind.JOB_SET;
    var job = byKey.get((jobSet ? "JobSet" : "PyTorchJob") + "/" + gang.namespace() + "/" + gang.name());
    if (job == null) return Optional.empty();
    return Optional.of(jobSet ? jobSetSize(job) : pyTorchSize(job)).filter(n -> n > 0);
  }

  private static int pyTorchSize(GenericKubernetesResource job) {
    Object min = job.get("spec", "runPolicy", "schedulingPolicy", "minAvailable");
    if (min instanceof Number n) return n.intValue();
    Object specs = job.get("spec", "pytorchReplicaSpecs");
    if (!(specs instanceof Map<?, ?> replicas)) return 0;
    int total = 0;
    for (var spec : replicas.values()) total += spec instanceof Map<?, ?> m ? count(m.get("replicas"), 1) : 0;
    return total;
  }

  private static int jobSetSize(GenericKubernetesResource job) {
    Object replicated = job.get("spec", "replicatedJobs");
    if (!(replicated instanceof List<?> jobs)) return 0;
    int total = 0;
    for (var j : jobs) {
      if (!(j instanceof Map<?, ?> m)) continue;
      Object parallelism = m.get("template") instanceof Map<?, ?> t && t.get("spec") instanceof Map<?, ?> s ? s.get("parallelism") : null;
      total += count(m.get("replicas"), 1) * count(parallelism, 1);
    }
    return total;
  }

  private static int count(Object value, int absent) {
    return value instanceof Number n ? Math.max(0, Math.min(n.intValue(), 100_000)) : absent;
  }
}
