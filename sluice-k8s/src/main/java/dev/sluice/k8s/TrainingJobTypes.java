package dev.sluice.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/** The training operators' job kinds Sluice sizes gangs from, where the cluster has their CRDs. */
final class TrainingJobTypes {
  static final List<ResourceDefinitionContext> KNOWN = List.of(
      new ResourceDefinitionContext.Builder().withGroup("kubeflow.org").withVersion("v1").withKind("PyTorchJob").withPlural("pytorchjobs")
          .withNamespaced(true).build(),
      new ResourceDefinitionContext.Builder().withGroup("jobset.x-k8s.io").withVersion("v1alpha2").withKind("JobSet").withPlural("jobsets")
          .withNamespaced(true).build());

  private TrainingJobTypes() {
  }

  /** Those of {@code types} whose CRD the API server has. */
  static List<ResourceDefinitionContext> installed(KubernetesClient client, List<ResourceDefinitionContext> types) {
    return types.stream().filter(type -> {
      try {
        return client.apiextensions().v1().customResourceDefinitions().withName(crdName(type)).get() != null;
      } catch (KubernetesClientException e) {
        return false;
      }
    }).toList();
  }

  /** The name of the type's CRD, e.g. {@code pytorchjobs.kubeflow.org}. */
  static String crdName(ResourceDefinitionContext type) {
    return type.getPlural() + "." + type.getGroup();
  }
}
