package dev.sluice.k8s;

import dev.sluice.k8s.read.AssumedBind;
import dev.sluice.k8s.read.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Binds Sluice sent and the informer has not shown yet. Until it does, the pod counts as running on its node,
 * so no GPU is handed out twice. An entry ends when the informer shows the pod bound or gone (a pod made again under
 * its name is another pod), or after the timeout (then the bind is taken as lost and the pod is scheduled again).
 */
final class AssumedBinds {
  /** A bind sent for the pod with this uid (null where the API server gave none). */
  private record Sent(String uid, AssumedBind bind) {
  }

  private final Map<String, Sent> binds = new HashMap<>();
  private final Duration timeout;

  AssumedBinds(Duration timeout) {
    this.timeout = timeout;
  }

  void add(Pod pod, AssumedBind bind) {
    binds.put(Pods.key(pod), new Sent(pod.getMetadata().getUid(), bind));
  }

  /** Drops what the informer now shows, and what is too old; returns what is left. */
  Map<String, AssumedBind> current(List<Pod> pods, long now) {
    var byKey = pods.stream().collect(Collectors.toMap(Pods::key, p -> p, (a, b) -> a));
    binds.entrySet().removeIf(e -> {
      var pod = byKey.get(e.getKey());
      var sent = e.getValue();
      return pod == null || !Objects.equals(sent.uid(), pod.getMetadata().getUid()) || Pods.bound(pod) || Pods.finished(pod)
          || now - sent.bind().since() > timeout.toMillis();
    });
    var current = new HashMap<String, AssumedBind>();
    binds.forEach((pod, sent) -> current.put(pod, sent.bind()));
    return Map.copyOf(current);
  }
}
