package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Past usage in the Queues' statuses: read back decayed, hostile content ignored, written only when it drifts. */
class UsageStatusesTest {
  private static final Duration HALF_LIFE = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
  private static final long HOUR = 3_600_000;
  private final long t0 = T0.toEpochMilli();

  private static QueueResource queue(String name, QueueResource.Usage usage) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    q.setStatus(new QueueResource.Status(Map.of(), Map.of(), Map.of(), List.of(), usage));
    return q;
  }

  private static QueueResource.Usage usage(Double gpuSeconds, String at) {
    return new QueueResource.Usage(gpuSeconds, at);
  }

  @Test
  void usageIsReadBackDecayedByTheTimeSinceItWasWritten() {
    var history = UsageStatuses.restore(List.of(queue("a", usage(1000.0, T0.toString())), queue("b", null)), t0 + 2 * HOUR, HALF_LIFE);

    assertThat(history.usage()).containsOnlyKeys("a");
    assertThat(history.usage().get("a")).as("GPU-milli-seconds, two half-lives later").isCloseTo(250_000, within(1e-6));
    assertThat(history.atMillis()).isEqualTo(t0 + 2 * HOUR);
  }

  @Test
  void usageThatCannotBeBelievedIsIgnoredWithOneLineEachAndTheRestKept() {
    var lines = new ArrayList<String>();
    var queues = List.of(queue("negative", usage(-5.0, T0.toString())), queue("nan", usage(Double.NaN, T0.toString())),
        queue("infinite", usage(Double.POSITIVE_INFINITY, T0.toString())), queue("huge", usage(1e300, T0.toString())),
        queue("wrong-type", usage(null, T0.toString())), queue("no-time", usage(10.0, null)),
        queue("bad-time", usage(10.0, "yesterday")), queue("future", usage(10.0, T0.plus(Duration.ofDays(365)).toString())),
        queue("fine", usage(10.0, T0.toString())));

    var history = logged(lines, () -> UsageStatuses.restore(queues, t0, HALF_LIFE));

    assertThat(history.usage()).containsOnlyKeys("fine");
    assertThat(lines).hasSize(8).allSatisfy(line -> assertThat(line).contains("is ignored").contains("status.usage."));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("queue huge").contains("was 1.0E300"));
  }

  @Test
  void aTimeAFewSecondsAheadOfThisReplicasClockIsTakenAsNow() {
    var history = UsageStatuses.restore(List.of(queue("a", usage(10.0, T0.plusSeconds(5).toString()))), t0, HALF_LIFE);

    assertThat(history.usage().get("a")).isCloseTo(10_000, within(1e-6));
  }

  @Test
  void aStatusOfTheWrongShapeStillReadsAsAQueueAndItsUsageIsIgnored() {
    var json = """
        {"apiVersion": "sluice.dev/v1alpha1", "kind": "Queue", "metadata": {"name": "a"},
         "status": {"usage": {"gpuSeconds": "lots", "computedAt": 5}}}""";
    var notAnObject = json.replace("{\"gpuSeconds\": \"lots\", \"computedAt\": 5}", "[1, 2]");

    var queues = List.of(Serialization.unmarshal(json, QueueResource.class), Serialization.unmarshal(notAnObject, QueueResource.class));

    assertThat(queues).allSatisfy(q -> assertThat(q.getStatus().usage()).isEqualTo(usage(null, null)));
    assertThat(UsageStatuses.restore(queues, t0, HALF_LIFE).usage()).isEmpty();
  }

  @Test
  void theStatusIsWrittenAgainOnlyWhenUsageDriftsFromWhatItSaysDecayed() {
    var written = usage(1000.0, T0.toString());

    assertThat(UsageStatuses.updated(written, 500_000, t0 + HOUR, HALF_LIFE)).as("decayed as predicted").isSameAs(written);
    assertThat(UsageStatuses.updated(written, 505_000, t0 + HOUR, HALF_LIFE)).as("5 GPU-seconds off: less than a GPU-minute").isSameAs(written);
    assertThat(UsageStatuses.updated(written, 600_000, t0 + HOUR, HALF_LIFE))
        .isEqualTo(usage(600.0, T0.plusMillis(HOUR).toString()));
  }

  @Test
  void aQueueThatUsedNextToNothingGetsNoUsageAndOneWithUnbelievableUsageGetsTheTruth() {
    assertThat(UsageStatuses.updated(null, 30_000, t0, HALF_LIFE)).isNull();
    assertThat(UsageStatuses.updated(usage(-1.0, T0.toString()), 0, t0, HALF_LIFE)).isEqualTo(usage(0.0, T0.toString()));
  }

  @Test
  void aStatusWithUsageSurvivesTheRoundTripThroughJsonUnchanged() {
    var status = queue("a", usage(28_800.5, T0.toString())).getStatus();

    var back = Serialization.unmarshal(Serialization.asJson(status), QueueResource.Status.class);

    assertThat(back).isEqualTo(status);
    assertThat(Serialization.asJson(status)).contains("\"usage\":{\"gpuSeconds\":28800.5,\"computedAt\":\"2025-06-02T09:00:00Z\"}");
  }

  private static <T> T logged(List<String> lines, java.util.function.Supplier<T> action) {
    var logger = Logger.getLogger(UsageStatuses.class.getName());
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(handler);
    try {
      return action.get();
    } finally {
      logger.removeHandler(handler);
    }
  }
}
