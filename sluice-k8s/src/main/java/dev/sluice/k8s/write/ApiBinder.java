package dev.sluice.k8s.write;

import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Binds pods to nodes through the {@code pods/binding} subresource, as kube-scheduler does: many at once (at
 * most {@code bindParallelism} in flight), each tried up to {@code bindAttempts} times. A pod that is gone
 * (404) is skipped; a pod already bound (409, perhaps by an earlier try whose answer was lost) is reported so, not
 * retried. A fractional pod first gets the
 * annotation {@code sluice.dev/gpu-index} naming the GPU it shares.
 */
public final class ApiBinder {
  /** One pod to bind: {@code gpu} is the shared GPU of a fractional pod, else -1. */
  public record Request(String namespace, String name, String node, int gpu) {
  }

  private final KubernetesClient client;
  private final K8sConfig config;

  public ApiBinder(KubernetesClient client, K8sConfig config) {
    this.client = client;
    this.config = config;
  }

  /** Binds every request; returns one outcome per request, in the same order. */
  public List<BindOutcome> bind(List<Request> requests) throws InterruptedException {
    var calls = requests.stream().<java.util.concurrent.Callable<BindOutcome>>map(r -> () -> bindOne(r)).toList();
    return Parallel.run(calls, config.bindParallelism(), (i, cause) -> {
      var r = requests.get(i);
      return new BindOutcome(r.namespace() + "/" + r.name(), r.node(), BindOutcome.Kind.FAILED, String.valueOf(cause));
    });
  }

  private BindOutcome bindOne(Request request) throws InterruptedException {
    String key = request.namespace() + "/" + request.name();
    String last = "";
    for (int attempt = 1; attempt <= config.bindAttempts(); attempt++) {
      try {
        if (request.gpu() >= 0) annotate(request);
        int code = post(request);
        if (code / 100 == 2) return new BindOutcome(key, request.node(), BindOutcome.Kind.BOUND, "");
        if (code == 404) return new BindOutcome(key, request.node(), BindOutcome.Kind.VANISHED, "");
        if (code == 409) return boundAlready(request, key);
        last = "HTTP " + code;
        if (code == 422 || code == 400) break;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return new BindOutcome(key, request.node(), BindOutcome.Kind.VANISHED, "");
        if (e.getCode() == 409) return boundAlready(request, key);
        last = e.getMessage();
      } catch (ExecutionException e) {
        last = String.valueOf(e.getCause());
      }
      Thread.sleep(Math.min(1000, 50L << attempt));
    }
    return new BindOutcome(key, request.node(), BindOutcome.Kind.FAILED, last);
  }

  /**
   * A pod the API server says is bound already (409): bound to the node this bind names (an earlier try whose answer
   * was lost) it counts as bound; elsewhere, or where it cannot be read, as bound already on the node it is on.
   */
  private BindOutcome boundAlready(Request request, String key) {
    String node;
    try {
      var pod = client.pods().inNamespace(request.namespace()).withName(request.name()).get();
      node = pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    } catch (KubernetesClientException e) {
      node = null;
    }
    if (request.node().equals(node)) return new BindOutcome(key, request.node(), BindOutcome.Kind.BOUND, "");
    return new BindOutcome(key, node == null ? request.node() : node, BindOutcome.Kind.ALREADY_BOUND,
        "HTTP 409: bound already" + (node == null ? "" : " to " + node));
  }

  private void annotate(Request request) {
    client.pods().inNamespace(request.namespace()).withName(request.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            Serialization.asJson(Map.of("metadata", Map.of("annotations", Map.of(Keys.GPU_INDEX, Integer.toString(request.gpu()))))));
  }

  private int post(Request request) throws InterruptedException, ExecutionException {
    String body = """
        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"%s","namespace":"%s"},"target":{"apiVersion":"v1","kind":"Node","name":"%s"}}"""
        .formatted(request.name(), request.namespace(), request.node());
    var http = client.getHttpClient();
    String base = client.getMasterUrl().toString();
    if (!base.endsWith("/")) base += "/";
    var post = http.newHttpRequestBuilder()
        .uri(base + "api/v1/namespaces/" + request.namespace() + "/pods/" + request.name() + "/binding")
        .post("application/json", body).build();
    return http.sendAsync(post, String.class).get().code();
  }
}
