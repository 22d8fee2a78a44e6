package dev.sluice.testkit.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock API server, with the pod subresources a scheduler uses and it lacks: a
 * {@code pods/binding} sets {@code spec.nodeName} (and, playing the kubelet, phase {@code Running}), 409 when the
 * pod is bound already, 422 for pods a test says the API server refuses to bind; a {@code pods/eviction} deletes the pod, or answers 429 for pods a test says a
 * PodDisruptionBudget protects; a {@code pods/log} of a pod holding a GPU prints its device.
 */
public final class BindingCrudDispatcher extends KubernetesCrudDispatcher {
  private static final Pattern SUBRESOURCE = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/(binding|eviction)(\\?.*)?$");
  private static final Pattern LOG = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?$");
  public final Set<String> protectedByBudget = ConcurrentHashMap.newKeySet();
  /**
   * Pods whose next bind is carried out but answered 500, as when the answer is lost on its way: the binder's next
   * try then hears 409, bound already.
   */
  public final Set<String> lostBindAnswers = ConcurrentHashMap.newKeySet();
  /** Pods ({@code namespace/name}) whose binds are refused, as an admission webhook on bindings might. */
  public final Set<String> refusedBinds = ConcurrentHashMap.newKeySet();
  public final Set<String> evicted = ConcurrentHashMap.newKeySet();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    var m = SUBRESOURCE.matcher(request.getPath());
    if (request.method() == HttpMethod.POST && m.matches()) {
      String podPath = "/api/v1/namespaces/" + m.group(1) + "/pods/" + m.group(2);
      String key = m.group(1) + "/" + m.group(2);
      return m.group(3).equals("binding") ? bind(podPath, key, request) : evict(podPath, key);
    }
    var log = LOG.matcher(request.getPath());
    if (request.method() == HttpMethod.GET && log.matches()) return log("/api/v1/namespaces/" + log.group(1) + "/pods/" + log.group(2));
    return super.dispatch(request);
  }

  /**
   * Plays the kubelet and the device plugin for a pod's log: a bound pod with an {@code nvidia.com/gpu} limit
   * prints the device it was given, {@code GPU-} and a UUID made from its name.
   */
  private MockResponse log(String podPath) {
    var current = handleGet(podPath);
    if (current.code() != 200) return current;
    var pod = Serialization.unmarshal(current.getBody().readUtf8(), Pod.class);
    boolean holdsGpu = pod.getSpec().getNodeName() != null && pod.getSpec().getContainers().stream()
        .anyMatch(c -> c.getResources() != null && c.getResources().getLimits() != null && c.getResources().getLimits().containsKey("nvidia.com/gpu"));
    String device = holdsGpu ? "GPU-" + java.util.UUID.nameUUIDFromBytes(podPath.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n" : "";
    return new MockResponse().setResponseCode(200).setBody(device);
  }

  private MockResponse bind(String podPath, String key, RecordedRequest request) {
    if (refusedBinds.contains(key)) {
      return new MockResponse().setResponseCode(422).setBody(status(422, "the binding of " + key + " is refused"));
    }
    var current = handleGet(podPath);
    if (current.code() != 200) return current;
    var pod = Serialization.unmarshal(current.getBody().readUtf8(), Pod.class);
    if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
      return new MockResponse().setResponseCode(409).setBody(status(409, "pod is already bound to " + pod.getSpec().getNodeName()));
    }
    var binding = Serialization.unmarshal(request.getUtf8Body(), io.fabric8.kubernetes.api.model.Binding.class);
    String patch = """
        {"spec":{"nodeName":"%s"},"status":{"phase":"Running","startTime":"%s"}}""".formatted(binding.getTarget().getName(), Instant.now());
    var headers = Headers.builder().add("Content-Type", "application/merge-patch+json").build();
    var patched = handlePatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, podPath, headers, new Buffer().writeUtf8(patch)));
    if (patched.code() / 100 != 2) return patched;
    if (lostBindAnswers.remove(key)) return new MockResponse().setResponseCode(500).setBody(status(500, "the answer was lost"));
    return new MockResponse().setResponseCode(201).setBody(status(201, "bound"));
  }

  private MockResponse evict(String podPath, String key) {
    if (protectedByBudget.contains(key)) {
      return new MockResponse().setResponseCode(429).setBody(status(429, "Cannot evict pod as it would violate the pod's disruption budget."));
    }
    var deleted = handleDelete(podPath);
    if (deleted.code() / 100 != 2) return deleted;
    evicted.add(key);
    return new MockResponse().setResponseCode(201).setBody(status(201, "evicted"));
  }

  private static String status(int code, String message) {
    return """
        {"kind":"Status","apiVersion":"v1","status":"%s","code":%d,"message":"%s"}""".formatted(code < 300 ? "Success" : "Failure", code, message);
  }

}
