package dev.sluice.k8s.webhook;

import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the admission webhook does to Sluice's pods. On creation a pod may not name its node (that would skip
 * every queue) nor carry the annotations only Sluice writes ({@code sluice.dev/gpu-index},
 * {@code sluice.dev/gpu-device}, {@code sluice.dev/gpu-config}); once created, only Sluice's own identity may
 * change any {@code sluice.dev/} annotation or the queue label (what the pod asks for, its gang, and which GPU it
 * holds are what Sluice accounts by). When invoked again for the same creation (another webhook changed the
 * pod after this one), it lets the pod through as it is. A pod of Sluice's that asks for a GPU fraction
 * gets, in every container and init container, the environment of a ConfigMap that Sluice writes when it
 * binds the pod ({@code envFrom}): {@code NVIDIA_VISIBLE_DEVICES} (the shared GPU's UUID),
 * {@code SLUICE_GPU_FRACTION}, {@code SLUICE_GPU_INDEX} and the CUDA MPS limits. The ConfigMap's name goes in
 * the annotation {@code sluice.dev/gpu-config}; a container cannot start until Sluice has written it. A pod of
 * Sluice's that sets {@code NVIDIA_VISIBLE_DEVICES} (with the NVIDIA toolkit's defaults that alone can reach every
 * GPU of the node) or an MPS variable itself is refused, naming the container. Pods of other schedulers pass
 * unchanged.
 */
public final class PodAdmission {
  /** Variables only Sluice may set in a fractional pod. */
  public static final Set<String> RESERVED_ENV = Set.of("NVIDIA_VISIBLE_DEVICES", "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "SLUICE_GPU_FRACTION", "SLUICE_GPU_INDEX");
  /** Annotations only Sluice writes: which GPU a fractional pod shares and where its environment is. */
  public static final List<String> SLUICE_ANNOTATIONS = List.of(Keys.GPU_INDEX, Keys.GPU_DEVICE, Keys.GPU_CONFIG);
  private final String schedulerName;
  private final String schedulerUser;

  /**
   * @param schedulerName pods with this {@code spec.schedulerName} are Sluice's
   * @param schedulerUser the API user Sluice's scheduler runs as, the only one that may set Sluice's annotations
   */
  public PodAdmission(String schedulerName, String schedulerUser) {
    this.schedulerName = schedulerName;
    this.schedulerUser = schedulerUser;
  }

  /** The name of the ConfigMap of the pod admitted in the admission request {@code uid}. */
  public static String configName(String admissionUid) {
    String id = admissionUid.replaceAll("[^a-z0-9]", "");
    return "sluice-gpu-" + (id.length() > 20 ? id.substring(0, 20) : id);
  }

  public AdmissionResponse review(AdmissionRequest request) {
    var allowed = new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true);
    if (request.getObject() == null) return allowed.build();
    Pod pod = Serialization.unmarshal(Serialization.asJson(request.getObject()), Pod.class);
    if (pod.getSpec() == null || !schedulerName.equals(pod.getSpec().getSchedulerName())) return allowed.build();
    if ("UPDATE".equals(request.getOperation())) {
      var old = request.getOldObject() == null ? null : Serialization.unmarshal(Serialization.asJson(request.getOldObject()), Pod.class);
      return frozenChange(old, pod).filter(field -> !isScheduler(request))
          .map(field -> refused(request, field + ": fixed once the pod is created; only Sluice's scheduler changes it"))
          .orElse(allowed.build());
    }
    if (!"CREATE".equals(request.getOperation())) return allowed.build();
    if (configName(request.getUid()).equals(annotations(pod).get(Keys.GPU_CONFIG))) return allowed.build(); // invoked again: done already
    var problem = creationProblem(pod);
    if (problem != null) return refused(request, problem);
    if (!isFractional(pod)) return allowed.build();
    String patch = Serialization.asJson(patch(pod, configName(request.getUid())));
    return allowed.withPatchType("JSONPatch").withPatch(Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8))).build();
  }

  private boolean isScheduler(AdmissionRequest request) {
    return request.getUserInfo() != null && schedulerUser.equals(request.getUserInfo().getUsername());
  }

  private static AdmissionResponse refused(AdmissionRequest request, String message) {
    return new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(false)
        .withStatus(new StatusBuilder().withCode(422).withReason("Invalid").withMessage(message).build()).build();
  }

  /** What is wrong with a new pod of Sluice's, naming the field, or null. */
  private static String creationProblem(Pod pod) {
    if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
      return "spec.nodeName: Sluice chooses the node of its pods; leave it empty";
    }
    for (var key : SLUICE_ANNOTATIONS) {
      if (annotations(pod).containsKey(key)) return "metadata.annotations[" + key + "]: only Sluice's scheduler sets this annotation";
    }
    var reserved = reservedEnv(pod);
    return reserved == null ? null : reserved + ": Sluice sets this variable for pods that share a GPU; remove it";
  }

  /**
   * The first field of what Sluice reads from a pod that the update changes: an annotation {@code sluice.dev/…}
   * (the request, the gang, preemptibility, and which GPU it holds) or the label {@code sluice.dev/queue}.
   */
  private static java.util.Optional<String> frozenChange(Pod old, Pod pod) {
    var before = old == null ? Map.<String, String>of() : annotations(old);
    var after = annotations(pod);
    var keys = new java.util.TreeSet<String>();
    java.util.stream.Stream.concat(before.keySet().stream(), after.keySet().stream()).filter(k -> k.startsWith(Keys.GROUP + "/")).forEach(keys::add);
    var annotation = keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))).findFirst()
        .map(k -> "metadata.annotations[" + k + "]");
    if (annotation.isPresent()) return annotation;
    String queueBefore = old == null || old.getMetadata().getLabels() == null ? null : old.getMetadata().getLabels().get(Keys.QUEUE);
    String queueAfter = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(Keys.QUEUE);
    return java.util.Objects.equals(queueBefore, queueAfter) ? java.util.Optional.empty()
        : java.util.Optional.of("metadata.labels[" + Keys.QUEUE + "]");
  }

  private static Map<String, String> annotations(Pod pod) {
    return pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
  }

  private boolean isFractional(Pod pod) {
    var annotations = pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null ? Map.<String, String>of()
        : pod.getMetadata().getAnnotations();
    return annotations.containsKey(Keys.GPU_FRACTION) || annotations.containsKey(Keys.GPU_MEMORY);
  }

  /** {@code containers[i].env[NAME]} of the first variable only Sluice may set, or null. */
  private static String reservedEnv(Pod pod) {
    for (var group : List.of("containers", "initContainers")) {
      var containers = group.equals("containers") ? pod.getSpec().getContainers() : pod.getSpec().getInitContainers();
      if (containers == null) continue;
      for (var c : containers) {
        if (c.getEnv() == null) continue;
        for (var e : c.getEnv()) {
          if (RESERVED_ENV.contains(e.getName())) return "spec." + group + "[" + c.getName() + "].env[" + e.getName() + "]";
        }
      }
    }
    return null;
  }

  private static List<Map<String, Object>> patch(Pod pod, String configName) {
    var ops = new ArrayList<Map<String, Object>>();
    if (pod.getMetadata().getAnnotations() == null) ops.add(op("add", "/metadata/annotations", Map.of()));
    ops.add(op("add", "/metadata/annotations/" + Keys.GPU_CONFIG.replace("/", "~1"), configName));
    addEnvFrom(ops, "containers", pod.getSpec().getContainers(), configName);
    addEnvFrom(ops, "initContainers", pod.getSpec().getInitContainers(), configName);
    return ops;
  }

  private static void addEnvFrom(List<Map<String, Object>> ops, String group, List<Container> containers, String configName) {
    if (containers == null) return;
    var source = Map.of("configMapRef", Map.of("name", configName, "optional", false));
    for (int i = 0; i < containers.size(); i++) {
      String path = "/spec/" + group + "/" + i + "/envFrom";
      if (containers.get(i).getEnvFrom() == null || containers.get(i).getEnvFrom().isEmpty()) {
        ops.add(op("add", path, List.of(source)));
      } else {
        ops.add(op("add", path + "/-", source));
      }
    }
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    var m = new LinkedHashMap<String, Object>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }
}
