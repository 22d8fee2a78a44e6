package dev.sluice.k8s.read;

import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.TopologyConstraint;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.Keys;
import dev.sluice.k8s.resource.PodGroupResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Groups Sluice's pods into gangs and reads each gang's queue, priority and preemptibility.
 *
 * <ul>
 *   <li>Gang: the annotation {@code sluice.dev/pod-group} names a PodGroup of the namespace (its
 *       {@code minMember}); else the pods of a PyTorchJob or a JobSet run together ({@link TrainingJobs}); else
 *       a pod controlled by a {@code batch/v1} Job runs with the Job's other pods, {@code minMember} being the
 *       Job's parallelism (at most its remaining completions); else the pod is alone.</li>
 *   <li>Queue: the pod's label {@code sluice.dev/queue}, else the PodGroup's {@code spec.queue}, else the
 *       namespace's label {@code sluice.dev/queue}, else the configured default queue.</li>
 *   <li>Priority: the pod's {@code spec.priority} (set by admission from its PriorityClass), else the
 *       PodGroup's {@code priorityClassName}'s value, else 0.</li>
 *   <li>Preemptible: the annotation {@code sluice.dev/preemptible}, else the PodGroup's
 *       {@code spec.preemptible}, else whether the priority is below the value of the PriorityClass
 *       {@code sluice-default} (or the configured threshold when there is none).</li>
 * </ul>
 */
public final class Gangs {
  private final K8sConfig config;
  private final Map<String, PodGroupResource> podGroups;
  private final Map<String, Map<String, String>> namespaceLabels;
  private final Map<String, Integer> priorityValues;
  private final Map<String, io.fabric8.kubernetes.api.model.batch.v1.Job> jobs;
  private final TrainingJobs trainingJobs;

  public Gangs(ClusterObjects objects, K8sConfig config) {
    this.config = config;
    this.podGroups = byKey(objects.podGroups(), g -> g.getMetadata().getNamespace() + "/" + g.getMetadata().getName());
    this.namespaceLabels = new HashMap<>();
    objects.namespaces().forEach(n -> namespaceLabels.put(n.getMetadata().getName(),
        n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()));
    this.priorityValues = new HashMap<>();
    objects.priorityClasses().forEach(p -> priorityValues.put(p.getMetadata().getName(), p.getValue()));
    this.jobs = byKey(objects.jobs(), j -> j.getMetadata().getNamespace() + "/" + j.getMetadata().getName());
    this.trainingJobs = new TrainingJobs(objects.trainingJobs());
  }

  /** The gangs of {@code pods} (Sluice's live pods), ordered by id. */
  public List<Gang> of(List<Pod> pods) {
    var members = new TreeMap<String, List<Pod>>();
    var keys = new HashMap<String, GangKey>();
    for (var pod : pods) {
      var key = keyOf(pod);
      keys.putIfAbsent(key.id(), key);
      members.computeIfAbsent(key.id(), k -> new ArrayList<>()).add(pod);
    }
    var gangs = new ArrayList<Gang>();
    members.forEach((id, list) -> {
      if (list.size() > 1) {
        var created = new HashMap<Pod, Long>();
        list.forEach(p -> created.put(p, Pods.createdMillis(p.getMetadata().getCreationTimestamp())));
        list.sort(Comparator.comparingLong((Pod p) -> created.get(p)).thenComparing(Pods::key));
      }
      gangs.add(gang(keys.get(id), list));
    });
    return gangs;
  }

  /** The id of the gang {@link #of} puts the pod in. */
  static String gangIdOf(Pod pod) {
    return keyOf(pod).id();
  }

  private static GangKey keyOf(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String group = Pods.annotations(pod).get(Keys.POD_GROUP);
    // A name no PodGroup can have (one with '#' or '/', say) must not make an id another gang's workloads use.
    if (group != null && !isObjectName(group)) return new GangKey(ns, GangKey.Kind.POD, pod.getMetadata().getName());
    if (group != null) return new GangKey(ns, GangKey.Kind.POD_GROUP, group);
    var training = TrainingJobs.gangOf(pod);
    if (training.isPresent()) return training.get();
    var owner = Pods.controller(pod);
    if (owner.isPresent() && "Job".equals(owner.get().getKind()) && owner.get().getApiVersion().startsWith("batch/")) {
      return new GangKey(ns, GangKey.Kind.JOB, owner.get().getName());
    }
    return new GangKey(ns, GangKey.Kind.POD, pod.getMetadata().getName());
  }

  private static final java.util.regex.Pattern OBJECT_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Whether the name is one a Kubernetes object may have (a DNS-1123 subdomain). */
  static boolean isObjectName(String name) {
    return name.length() <= 253 && OBJECT_NAME.matcher(name).matches();
  }

  private Gang gang(GangKey key, List<Pod> pods) {
    String id = key.id();
    var first = pods.getFirst();
    String ns = first.getMetadata().getNamespace();
    String groupName = Pods.annotations(first).get(Keys.POD_GROUP);
    var group = groupName == null ? null : podGroups.get(ns + "/" + groupName);
    var groupSpec = group == null || group.getSpec() == null ? new PodGroupResource.Spec(null, null, null, null) : group.getSpec();
    String queue = queueOf(first, groupSpec, ns);
    var priority = priorityOf(first, groupSpec);
    boolean preemptible = preemptibleOf(first, groupSpec, priority.value());
    long submit = group != null ? Pods.createdMillis(group.getMetadata().getCreationTimestamp()) : Pods.createdMillis(
        first.getMetadata().getCreationTimestamp());
    int min = minMembers(key, groupSpec, pods);
    var topology = topologyOf(groupSpec.topology());
    var gang = new Gang(id, ns, groupName, pods, min, queue, priority, preemptible, submit,
        topology instanceof Parsed.Ok<TopologyConstraint> ok ? ok.value() : TopologyConstraint.NONE, null);
    if (groupName != null && group == null) {
      return gang.held("unknown-pod-group", "PodGroup " + groupName + " (annotation " + Keys.POD_GROUP + ") does not exist in namespace " + ns);
    }
    if (topology instanceof Parsed.Invalid<TopologyConstraint> invalid) {
      return gang.held("invalid-topology", "PodGroup " + ns + "/" + groupName + ": " + invalid.text());
    }
    return gang;
  }

  /** The PodGroup's {@code spec.topology} as a constraint on one of the configured levels, or what is wrong with it. */
  private Parsed<TopologyConstraint> topologyOf(PodGroupResource.Topology topology) {
    if (topology == null || topology.required() == null && topology.preferred() == null) return new Parsed.Ok<>(TopologyConstraint.NONE);
    if (topology.required() != null && topology.preferred() != null) {
      return new Parsed.Invalid<>("spec.topology", "give required or preferred, not both");
    }
    boolean required = topology.required() != null;
    String level = required ? topology.required() : topology.preferred();
    if (!config.topologyLabels().containsKey(level)) {
      String shown = level.length() > 63 ? level.substring(0, 63) + "…" : level;
      return new Parsed.Invalid<>("spec.topology." + (required ? "required" : "preferred"), "unknown level '" + shown
          + "' (levels: " + String.join(", ", new TreeSet<>(config.topologyLabels().keySet())) + ")");
    }
    return new Parsed.Ok<>(required ? TopologyConstraint.required(level) : TopologyConstraint.preferred(level));
  }

  private String queueOf(Pod pod, PodGroupResource.Spec groupSpec, String ns) {
    String own = Pods.labels(pod).get(Keys.QUEUE);
    if (own != null && !own.isBlank()) return own;
    if (groupSpec.queue() != null && !groupSpec.queue().isBlank()) return groupSpec.queue();
    String fromNamespace = namespaceLabels.getOrDefault(ns, Map.of()).get(Keys.QUEUE);
    if (fromNamespace != null && !fromNamespace.isBlank()) return fromNamespace;
    return config.defaultQueue();
  }

  private PriorityClass priorityOf(Pod pod, PodGroupResource.Spec groupSpec) {
    var spec = pod.getSpec();
    if (spec.getPriority() != null) {
      String name = spec.getPriorityClassName() == null || spec.getPriorityClassName().isBlank()
          ? "priority-" + spec.getPriority() : spec.getPriorityClassName();
      return new PriorityClass(name, spec.getPriority());
    }
    String groupClass = groupSpec.priorityClassName();
    if (groupClass != null && priorityValues.containsKey(groupClass)) return new PriorityClass(groupClass, priorityValues.get(groupClass));
    return new PriorityClass("priority-0", 0);
  }

  private boolean preemptibleOf(Pod pod, PodGroupResource.Spec groupSpec, int priority) {
    String own = Pods.annotations(pod).get(Keys.PREEMPTIBLE);
    if ("true".equalsIgnoreCase(own)) return true;
    if ("false".equalsIgnoreCase(own)) return false;
    if (groupSpec.preemptible() != null) return groupSpec.preemptible();
    return priority < priorityValues.getOrDefault(Keys.DEFAULT_PRIORITY_CLASS, config.preemptibleBelow());
  }

  private int minMembers(GangKey key, PodGroupResource.Spec groupSpec, List<Pod> pods) {
    return switch (key.kind()) {
      case POD_GROUP -> groupSpec.minMember() == null ? 1 : Math.max(1, groupSpec.minMember());
      case PYTORCH_JOB, JOB_SET -> trainingJobs.minMembers(key).orElse(pods.size());
      case JOB -> jobMinMembers(jobs.get(key.namespace() + "/" + key.name()));
      case POD -> 1;
    };
  }

  /** A batch Job's parallelism, at most its remaining completions; 1 when the Job is not known. */
  private static int jobMinMembers(io.fabric8.kubernetes.api.model.batch.v1.Job job) {
    if (job == null || job.getSpec() == null) return 1;
    int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
    var completions = job.getSpec().getCompletions();
    int succeeded = job.getStatus() == null || job.getStatus().getSucceeded() == null ? 0 : job.getStatus().getSucceeded();
    int remaining = completions == null ? parallelism : Math.max(1, completions - succeeded);
    return Math.max(1, Math.min(parallelism, remaining));
  }

  private static <T extends HasMetadata> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a));
  }

}
