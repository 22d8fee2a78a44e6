package dev.sluice.k8s.write;

import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** The conditions Sluice writes on its custom resources. */
public final class Conditions {
  private Conditions() {
  }

  public static Condition of(String type, boolean status, String reason, String message, Instant now) {
    return new ConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason).withMessage(message)
        .withLastTransitionTime(now.toString()).build();
  }

  /** The status with its conditions' transition times blanked, for comparing what changed. */
  static Object withoutTimes(Object status) {
    return switch (status) {
      case null -> null;
      case PodGroupResource.Status s -> new PodGroupResource.Status(s.phase(), strip(s.conditions()), s.queuePosition());
      case QueueResource.Status s -> new QueueResource.Status(s.allocated(), s.requested(), s.fairShare(), strip(s.conditions()), s.usage());
      default -> status;
    };
  }

  private static List<Condition> strip(List<Condition> conditions) {
    if (conditions == null) return null;
    return conditions.stream().map(c -> new ConditionBuilder(c).withLastTransitionTime(null).withObservedGeneration(null).build()).toList();
  }
}
