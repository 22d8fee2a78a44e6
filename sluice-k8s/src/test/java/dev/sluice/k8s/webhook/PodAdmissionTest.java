package dev.sluice.k8s.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodAdmissionTest {
  static final String SCHEDULER = "system:serviceaccount:sluice-system:sluice-scheduler";

  private final PodAdmission mutation = new PodAdmission("sluice", PodAdmissionTest.SCHEDULER);

  static Pod pod(String scheduler, Map<String, String> annotations) {
    return new PodBuilder().withNewMetadata().withName("nb").withNamespace("ml").withAnnotations(annotations).endMetadata()
        .withNewSpec().withSchedulerName(scheduler)
        .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
        .addNewContainer().withName("main").withImage("jupyter").addNewEnvFrom().withNewSecretRef("creds", false).endEnvFrom().endContainer()
        .endSpec().build();
  }

  static AdmissionRequest request(Pod pod) {
    return new AdmissionRequestBuilder().withUid("705ab4f5-6393-11e8-b7cc-42010a800002").withOperation("CREATE").withObject(pod).build();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> patch(String base64) {
    return Serialization.unmarshal(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8), List.class);
  }

  @Test
  void aFractionalPodOfSluiceGetsItsGpuEnvironmentFromAConfigMapNamedInAnAnnotation() {
    var response = mutation.review(request(pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5"))));
    assertThat(response.getAllowed()).isTrue();
    assertThat(response.getPatchType()).isEqualTo("JSONPatch");
    var ops = patch(response.getPatch());
    var source = Map.of("configMapRef", Map.of("name", "sluice-gpu-705ab4f5639311e8b7cc", "optional", false));
    assertThat(ops).containsExactly(
        Map.of("op", "add", "path", "/metadata/annotations/sluice.dev~1gpu-config", "value", "sluice-gpu-705ab4f5639311e8b7cc"),
        Map.of("op", "add", "path", "/spec/containers/0/envFrom/-", "value", source),
        Map.of("op", "add", "path", "/spec/initContainers/0/envFrom", "value", List.of(source)));
  }

  @Test
  void otherPodsPassUnchanged() {
    assertThat(mutation.review(request(pod("default-scheduler", Map.of("sluice.dev/gpu-fraction", "0.5")))).getPatch()).isNull();
    assertThat(mutation.review(request(pod("sluice", Map.of()))).getPatch()).isNull();
  }

  @Test
  void aPodThatSetsItsOwnDeviceIsRefusedNamingTheVariable() {
    var pod = new PodBuilder(pod("sluice", Map.of("sluice.dev/gpu-memory", "10Gi"))).editSpec().editFirstContainer()
        .addNewEnv().withName("NVIDIA_VISIBLE_DEVICES").withValue("all").endEnv().endContainer().endSpec().build();
    var response = mutation.review(request(pod));
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .isEqualTo("spec.containers[main].env[NVIDIA_VISIBLE_DEVICES]: Sluice sets this variable for pods that share a GPU; remove it");
    assertThat(response.getStatus().getCode()).isEqualTo(422);
  }

  private static AdmissionRequest update(Pod old, Pod pod, String user) {
    return new AdmissionRequestBuilder().withUid("u-1").withOperation("UPDATE").withOldObject(old).withObject(pod)
        .withNewUserInfo().withUsername(user).endUserInfo().build();
  }

  @Test
  void aPodThatNamesItsNodeOrCarriesSluicesAnnotationsIsRefusedAtCreation() {
    var placed = new PodBuilder(pod("sluice", Map.of())).editSpec().withNodeName("gpu-1").endSpec().build();
    assertThat(mutation.review(request(placed)).getStatus().getMessage()).isEqualTo("spec.nodeName: Sluice chooses the node of its pods; leave it empty");
    var claimed = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5", "sluice.dev/gpu-index", "3"));
    assertThat(mutation.review(request(claimed)).getStatus().getMessage())
        .isEqualTo("metadata.annotations[sluice.dev/gpu-index]: only Sluice's scheduler sets this annotation");
  }

  @Test
  void onlySluicesSchedulerMayChangeWhichGpuAPodShares() {
    var bound = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5", "sluice.dev/gpu-index", "0"));
    var moved = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5", "sluice.dev/gpu-index", "1"));
    var byUser = mutation.review(update(bound, moved, "alice"));
    assertThat(byUser.getAllowed()).isFalse();
    assertThat(byUser.getStatus().getMessage())
        .isEqualTo("metadata.annotations[sluice.dev/gpu-index]: fixed once the pod is created; only Sluice's scheduler changes it");
    assertThat(mutation.review(update(bound, moved, SCHEDULER)).getAllowed()).isTrue();
    var relabelled = new PodBuilder(bound).editMetadata().addToLabels("team", "x").endMetadata().build();
    assertThat(mutation.review(update(bound, relabelled, "alice")).getAllowed()).isTrue();
  }

  @Test
  void whatAPodAsksForAndItsQueueAreFixedOnceItIsCreated() {
    var created = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5"));
    var smaller = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.1"));
    assertThat(mutation.review(update(created, smaller, "alice")).getStatus().getMessage())
        .isEqualTo("metadata.annotations[sluice.dev/gpu-fraction]: fixed once the pod is created; only Sluice's scheduler changes it");
    var moved = new PodBuilder(created).editMetadata().addToLabels("sluice.dev/queue", "other").endMetadata().build();
    assertThat(mutation.review(update(created, moved, "alice")).getStatus().getMessage()).startsWith("metadata.labels[sluice.dev/queue]");
  }

  @Test
  void invokedAgainForTheSameCreationItLetsThePodThroughUnchanged() {
    var request = request(pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5")));
    var mutated = pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5", "sluice.dev/gpu-config", PodAdmission.configName(request.getUid())));
    var again = mutation.review(new AdmissionRequestBuilder(request).withObject(mutated).build());
    assertThat(again.getAllowed()).isTrue();
    assertThat(again.getPatch()).isNull();
  }
}
