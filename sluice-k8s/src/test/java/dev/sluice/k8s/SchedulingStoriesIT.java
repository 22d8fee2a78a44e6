package dev.sluice.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.k8s.resource.PodGroupResource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stories of Sluice scheduling a cluster through the API server: fabric8's mock server in CRUD mode, or a
 * real cluster when {@code SLUICE_E2E_KUBECONFIG} is set. Each step runs cycles until what the story expects
 * is visible through the API (the informers see writes a moment later), with a deadline.
 */
class SchedulingStoriesIT {
  private static final String NS = "team-a";
  private StoryCluster cluster;
  private KubernetesLoop loop;

  @BeforeEach
  void start() {
    cluster = StoryCluster.startWith(NS);
    loop = newLoop();
  }

  private KubernetesLoop newLoop() {
    return cluster.loop(InstantSource.system());
  }

  @AfterEach
  void stop() {
    if (cluster != null) cluster.close();
  }

  private void cycleUntil(BooleanSupplier condition) {
    cluster.cycleUntil(condition);
  }

  /** The namespace's Events; Sluice sends them from a queue of its own, so they may land a moment after the cycle. */
  private List<Event> events() {
    return cluster.client.v1().events().inNamespace(NS).list().getItems();
  }

  private static void eventually(ThrowingRunnable assertion) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
  }

  private String nodeOf(String name) {
    return cluster.nodeOf(NS, name);
  }

  /**
   * The message of the pod's last {@code PodScheduled=False} condition (the mock server appends the conditions of a merge
   * patch to those there, where a real API server replaces them).
   */
  private String scheduledMessage(String name) {
    return cluster.scheduledMessage(NS, name);
  }

  @Test
  void aPodOfWholeGpusIsBoundToANodeWithThatManyFreeGpus() {
    cluster.queue("default", null, "8", null);
    cluster.node("small", "16", "64Gi", 1, "A100", 40_960);
    cluster.node("big", "64", "512Gi", 8, "H100", 81_559);
    cluster.pod(NS, "train", 4, Map.of(), Map.of());

    cycleUntil(() -> nodeOf("train") != null);

    assertThat(nodeOf("train")).isEqualTo("big");
    eventually(() -> assertThat(events()).anyMatch(e -> "Scheduled".equals(e.getReason()) && e.getMessage().contains("team-a/train to big")));
  }

  @Test
  void twoHalfGpuPodsShareOneGpuBehindOneReservationAndAThirdWaitsSayingWhy() {
    cluster.queue("default", null, "1", null);
    cluster.node("gpu-1", "16", "64Gi", 1, "L4", 23_034);
    cluster.pod(NS, "nb-1", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.5"));
    cluster.pod(NS, "nb-2", 0, Map.of(), Map.of("sluice.dev/gpu-memory", "10Gi"));

    cycleUntil(() -> nodeOf("nb-1") != null && nodeOf("nb-2") != null);

    assertThat(List.of(cluster.get(NS, "nb-1"), cluster.get(NS, "nb-2")))
        .allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).containsEntry("sluice.dev/gpu-index", "0"));
    var reservations = cluster.client.pods().inNamespace("sluice-system").withLabel("sluice.dev/reserved-gpu").list().getItems();
    assertThat(reservations).singleElement().satisfies(r -> {
      assertThat(r.getSpec().getNodeName()).isEqualTo("gpu-1");
      assertThat(r.getSpec().getContainers().getFirst().getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
    });

    cluster.pod(NS, "nb-3", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.25"));
    cycleUntil(() -> !scheduledMessage("nb-3").isEmpty());
    assertThat(nodeOf("nb-3")).isNull();
    assertThat(scheduledMessage("nb-3")).matches("sluice: .+ \\[[a-z-]+\\]");
  }

  @Test
  void aPodOfAQueueThatDoesNotExistWaitsWithAConditionNamingIt() {
    cluster.queue("default", null, "1", null);
    cluster.node("gpu-1", "16", "64Gi", 1, "L4", 23_034);
    cluster.pod(NS, "lost", 1, Map.of("sluice.dev/queue", "nope"), Map.of());

    cycleUntil(() -> !scheduledMessage("lost").isEmpty());

    assertThat(nodeOf("lost")).isNull();
    assertThat(scheduledMessage("lost")).contains("queue nope does not exist").contains("[unknown-queue]");
  }

  @Test
  void podsStillRunningInAQueueThatGainedASubQueueCountAgainstItsLimit() {
    cluster.queue("team", null, "0", "2");
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.pod(NS, "team-0", 2, Map.of("sluice.dev/queue", "team"), Map.of());
    cycleUntil(() -> nodeOf("team-0") != null);

    cluster.queue("team-sub", "team", "0", null);
    cluster.pod(NS, "sub-0", 1, Map.of("sluice.dev/queue", "team-sub"), Map.of());
    cycleUntil(() -> !scheduledMessage("sub-0").isEmpty());

    assertThat(nodeOf("sub-0")).as("team holds its limit of 2 GPUs, its sub-queue's included").isNull();
    assertThat(scheduledMessage("sub-0")).startsWith("sluice: queue team: gpu 2000 allocated + 1000 requested exceeds limit 2000");
    assertThat(nodeOf("team-0")).isEqualTo("n1");
  }

  @Test
  void aGangBindsWholeOrNotAtAll() {
    cluster.queue("research", null, "24", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.node("n2", "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 3);
    for (int i = 0; i < 3; i++) cluster.pod(NS, "llm-" + i, 6, Map.of(), Map.of("sluice.dev/pod-group", "llm"));

    cycleUntil(() -> "Pending".equals(phaseOf("llm")));
    assertThat(List.of("llm-0", "llm-1", "llm-2")).allSatisfy(p -> assertThat(nodeOf(p)).isNull());
    assertThat(groupCondition("llm")).contains("gang-incomplete");

    cluster.node("n3", "64", "512Gi", 8, "H100", 81_559);
    cycleUntil(() -> nodeOf("llm-0") != null && nodeOf("llm-1") != null && nodeOf("llm-2") != null);
    assertThat(List.of(nodeOf("llm-0"), nodeOf("llm-1"), nodeOf("llm-2"))).containsExactlyInAnyOrder("n1", "n2", "n3");
    cycleUntil(() -> "Running".equals(phaseOf("llm")));
  }

  private String phaseOf(String group) {
    var g = cluster.client.resources(PodGroupResource.class).inNamespace(NS).withName(group).get();
    return g == null || g.getStatus() == null ? null : g.getStatus().phase();
  }

  private String groupCondition(String group) {
    var g = cluster.client.resources(PodGroupResource.class).inNamespace(NS).withName(group).get();
    return g.getStatus().conditions().getFirst().getReason();
  }


  @Test
  void aQueueWithinItsDeservedQuotaReclaimsGpusABorrowerHolds() {
    cluster.queue("a", null, "4", null);
    cluster.queue("b", null, "4", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    for (int i = 0; i < 8; i++) cluster.pod(NS, "b-" + i, 1, Map.of("sluice.dev/queue", "b"), Map.of());
    cycleUntil(() -> countBound("b-") == 8);

    for (int i = 0; i < 4; i++) cluster.pod(NS, "a-" + i, 1, Map.of("sluice.dev/queue", "a"), Map.of());
    cycleUntil(() -> countBound("a-") == 4);

    assertThat(countBound("b-")).isEqualTo(4);
    if (cluster.isMock()) assertThat(cluster.dispatcher.evicted).hasSize(4).allMatch(k -> k.startsWith(NS + "/b-"));
    eventually(() -> assertThat(events()).filteredOn(e -> "Preempted".equals(e.getReason())).hasSize(4));
  }

  @Test
  void anElasticGangGivesBackOnlyPodsAboveItsMinimum() {
    cluster.queue("a", null, "4", null);
    cluster.queue("b", null, "4", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "elastic", "b", 2);
    for (int i = 0; i < 8; i++) cluster.pod(NS, "elastic-" + i, 1, Map.of(), Map.of("sluice.dev/pod-group", "elastic"));
    cycleUntil(() -> countBound("elastic-") == 8);

    for (int i = 0; i < 4; i++) cluster.pod(NS, "a-" + i, 1, Map.of("sluice.dev/queue", "a"), Map.of());
    cycleUntil(() -> countBound("a-") == 4);

    assertThat(countBound("elastic-")).as("the gang keeps its minimum and two pods more").isEqualTo(4);
    if (cluster.isMock()) {
      assertThat(cluster.dispatcher.evicted).as("four pods above the minimum, not the gang whole").hasSize(4)
          .allMatch(k -> k.startsWith(NS + "/elastic-")).doesNotContain(NS + "/elastic-0", NS + "/elastic-1");
    }
    cycleUntil(() -> "Running".equals(phaseOf("elastic")));
  }

  /**
   * A pod whose bind answer was lost (the next try hears 409) is on the node the bind named: it holds that node, as a
   * pod bound at the first try does, until the informer shows spec.nodeName; else the next cycle would read it as
   * waiting and its 8 GPUs as free.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPodBoundOnASecondTryHoldsItsNodeUntilTheInformerShowsIt(boolean answerLost) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(cluster.isMock(), "needs the mock server's switch that loses bind answers");
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    var before = cluster.pod(NS, "solo", 8, Map.of(), Map.of());
    if (answerLost) cluster.dispatcher.lostBindAnswers.add(NS + "/solo");
    loop.close();
    loop = newLoop(); // synced with the pod and node above, so its first cycle binds

    var summary = loop.cycle();

    assertThat(nodeOf("solo")).as("bound in the API server").isEqualTo("n1");
    // What the next cycle's reader gets while the informer still shows the pod as it was before the bind:
    assertThat(((CycleCommit) loop.sink()).remembered(List.of(before), Instant.now()).assumed())
        .as("summary %s: the pod holds n1 until the informer shows it", summary).containsKey(NS + "/solo");
  }

  @Test
  void aPodOfAFailedGangWhoseBindAnswerWasLostIsTakenBackToo() {
    org.junit.jupiter.api.Assumptions.assumeTrue(cluster.isMock(), "needs the mock server's switches that lose and refuse binds");
    cluster.queue("research", null, "24", null);
    for (int i = 1; i <= 3; i++) cluster.node("n" + i, "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 3);
    for (int i = 0; i < 3; i++) gangPod("llm", i, 6);
    // llm-1 is bound, but the answer is lost: the binder's next try hears 409. llm-2 is refused.
    cluster.dispatcher.lostBindAnswers.add(NS + "/llm-1");
    cluster.dispatcher.refusedBinds.add(NS + "/llm-2");

    cycleUntil(() -> cluster.get(NS, "llm-0") == null && cluster.get(NS, "llm-1") == null);
    assertThat(cluster.dispatcher.evicted).as("the gang never runs below its minimum: both pods on a node go")
        .containsExactlyInAnyOrder(NS + "/llm-0", NS + "/llm-1");
    assertThat(nodeOf("llm-2")).isNull();
  }

  @Test
  void aGangWhosePodCannotBeBoundGivesBackThePodsThatWereAndBindsWholeOnceItCan() {
    org.junit.jupiter.api.Assumptions.assumeTrue(cluster.isMock(), "needs the mock server's switch that refuses binds");
    cluster.queue("research", null, "24", null);
    for (int i = 1; i <= 3; i++) cluster.node("n" + i, "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 3);
    for (int i = 0; i < 3; i++) gangPod("llm", i, 6);
    cluster.dispatcher.refusedBinds.add(NS + "/llm-2");
    cluster.dispatcher.protectedByBudget.add(NS + "/llm-1");

    cycleUntil(() -> cluster.get(NS, "llm-0") == null && cluster.get(NS, "llm-1") == null);
    assertThat(cluster.dispatcher.evicted).as("llm-1's budget refuses the eviction; it is deleted").containsExactly(NS + "/llm-0");
    assertThat(nodeOf("llm-2")).isNull();
    eventually(() -> assertThat(events()).filteredOn(e -> "GangBindFailed".equals(e.getReason()))
        .extracting(e -> e.getInvolvedObject().getName()).containsExactlyInAnyOrder("llm-0", "llm-1", "llm-2"));
    assertThat(scheduledMessage("llm-2")).contains("llm-2").contains("[bind-failed]");

    // The gang's controller makes the evicted pods again, and the API server now takes every bind.
    cluster.dispatcher.refusedBinds.clear();
    for (int i = 0; i < 2; i++) gangPod("llm", i, 6);
    cycleUntil(() -> nodeOf("llm-0") != null && nodeOf("llm-1") != null && nodeOf("llm-2") != null);
    assertThat(List.of(nodeOf("llm-0"), nodeOf("llm-1"), nodeOf("llm-2"))).containsExactlyInAnyOrder("n1", "n2", "n3");
    cycleUntil(() -> "Running".equals(phaseOf("llm")));
  }

  @Test
  void aGangWhoseRunningPodsAreReclaimedBindsNoneOfItsWaitingPodsInThatCycle() {
    cluster.queue("a", null, "8", null);
    cluster.queue("b", null, "0", "8");
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.node("n2", "64", "512Gi", 1, "H100", 81_559);
    cluster.podGroup(NS, "elastic", "b", 2);
    for (int i = 0; i < 2; i++) gangPod("elastic", i, 4);
    cycleUntil(() -> countBound("elastic-") == 2);
    gangPod("elastic", 2, 1);
    cycleUntil(() -> !scheduledMessage("elastic-2").isEmpty());
    assertThat(nodeOf("elastic-2")).as("queue b is at its limit").isNull();

    cluster.pod(NS, "a-0", 8, Map.of("sluice.dev/queue", "a"), Map.of());
    cycleUntil(() -> "n1".equals(nodeOf("a-0")));

    assertThat(nodeOf("elastic-0")).isNull();
    assertThat(nodeOf("elastic-2")).as("the pod above the gang's minimum does not run alone once the gang is reclaimed").isNull();
    cycleUntil(() -> "gang-incomplete".equals(groupCondition("elastic")));
    assertThat(nodeOf("elastic-2")).isNull();
  }

  private void gangPod(String group, int index, int gpus) {
    cluster.pod(NS, group + "-" + index, gpus, Map.of(), Map.of("sluice.dev/pod-group", group));
  }

  /**
   * Stale gangs, on a clock moved by hand (from the real time: the API server stamps the pods' start with its own).
   * A gang that runs below its minimum for the grace period (60 s by default) has its remaining pods evicted.
   */
  @Test
  void aGangThatLosesAPodIsEvictedOnceTheGraceEndsAndOneWhoseWorkersCompleteIsNotTouched() throws InterruptedException {
    var now = new java.util.concurrent.atomic.AtomicReference<>(Instant.now());
    loop = cluster.loop(now::get);
    var metrics = new SchedulerMetrics();
    loop.onStaleGangs(metrics::record);
    cluster.queue("research", null, "16", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.node("n2", "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 4);
    cluster.podGroup(NS, "done", "research", 4);
    for (int i = 0; i < 4; i++) {
      gangPod("llm", i, 2);
      gangPod("done", i, 1);
    }
    cycleUntil(() -> countBound("llm-") == 4 && countBound("done-") == 4);

    cluster.client.pods().inNamespace(NS).withName("llm-3").withGracePeriod(0).delete();
    for (int i = 0; i < 2; i++) succeeded("done-" + i);
    cycleUntil(() -> belowMinimum("llm") != null);
    assertThat(belowMinimum("llm").getMessage()).startsWith("gang team-a/podgroup/llm below its minimum: 3 of 4 running since ");
    assertThat(belowMinimum("done")).as("two workers completed, two run: the gang is whole").isNull();
    eventually(() -> assertThat(events()).filteredOn(e -> "GangBelowMinimum".equals(e.getReason()))
        .extracting(e -> e.getInvolvedObject().getName()).containsExactlyInAnyOrder("llm-0", "llm-1", "llm-2"));

    now.updateAndGet(t -> t.plusSeconds(59));
    loop.cycle();
    assertThat(countBound("llm-")).as("within the grace").isEqualTo(3);

    now.updateAndGet(t -> t.plusSeconds(1));
    cycleUntil(() -> countBound("llm-") == 0);
    if (cluster.isMock()) assertThat(cluster.dispatcher.evicted).containsExactlyInAnyOrder(NS + "/llm-0", NS + "/llm-1", NS + "/llm-2");
    cycleUntil(() -> "Pending".equals(phaseOf("llm")));
    assertThat(groupCondition("llm")).isEqualTo("stale-gang");
    assertThat(groupMessage("llm")).isEqualTo("gang team-a/podgroup/llm below its minimum: 3 of 4 running for 60s; its 3 running pods are evicted");
    eventually(() -> assertThat(events()).filteredOn(e -> "StaleGangEvicted".equals(e.getReason()))
        .extracting(e -> e.getInvolvedObject().getName()).containsExactlyInAnyOrder("llm-0", "llm-1", "llm-2"));
    assertThat(countBound("done-")).as("the completing gang is not touched").isEqualTo(4);
    assertThat(metrics.scrape()).contains("sluice_k8s_stale_gangs_evicted_total 1.0").contains("sluice_k8s_gangs_below_minimum 0.0");
    metrics.close();
  }

  @Test
  void aGangBackAtItsMinimumBeforeTheGraceEndsIsNotTouched() throws InterruptedException {
    var now = new java.util.concurrent.atomic.AtomicReference<>(Instant.now());
    loop = cluster.loop(now::get);
    cluster.queue("research", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.podGroup(NS, "llm", "research", 4);
    for (int i = 0; i < 4; i++) gangPod("llm", i, 2);
    cycleUntil(() -> countBound("llm-") == 4);

    cluster.client.pods().inNamespace(NS).withName("llm-3").withGracePeriod(0).delete();
    cycleUntil(() -> belowMinimum("llm") != null);
    now.updateAndGet(t -> t.plusSeconds(30));
    // The gang's controller makes the pod again; it is bound beside the three that run.
    gangPod("llm", 3, 2);
    cycleUntil(() -> countBound("llm-") == 4);
    cycleUntil(() -> belowMinimum("llm") == null);

    now.updateAndGet(t -> t.plusSeconds(60));
    for (int i = 0; i < 3; i++) loop.cycle();
    assertThat(countBound("llm-")).isEqualTo(4);
    if (cluster.isMock()) assertThat(cluster.dispatcher.evicted).isEmpty();
    assertThat(phaseOf("llm")).isEqualTo("Running");
  }

  /** The PodGroup's condition BelowMinimum, or null when it has none. */
  private io.fabric8.kubernetes.api.model.Condition belowMinimum(String group) {
    var g = cluster.client.resources(PodGroupResource.class).inNamespace(NS).withName(group).get();
    if (g == null || g.getStatus() == null || g.getStatus().conditions() == null) return null;
    return g.getStatus().conditions().stream().filter(c -> "BelowMinimum".equals(c.getType())).findFirst().orElse(null);
  }

  private String groupMessage(String group) {
    var g = cluster.client.resources(PodGroupResource.class).inNamespace(NS).withName(group).get();
    return g.getStatus().conditions().getFirst().getMessage();
  }

  /** The pod's containers all ended well, as the kubelet reports it. */
  private void succeeded(String name) {
    cluster.client.pods().inNamespace(NS).withName(name).editStatus(p -> {
      p.getStatus().setPhase("Succeeded");
      return p;
    });
  }

  @Test
  void aNodeThatIsNotReadyTakesNoPodsUntilItIsReadyAgain() throws InterruptedException {
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    setReady("n1", false);
    cluster.pod(NS, "train", 4, Map.of(), Map.of());

    cycleUntil(() -> !scheduledMessage("train").isEmpty());
    assertThat(nodeOf("train")).isNull();
    assertThat(loop.cycle().nodes()).isZero();

    setReady("n1", true);
    cycleUntil(() -> "n1".equals(nodeOf("train")));
  }

  @Test
  void anElasticGangStartsWithWhatFitsAndGrowsAsRoomAppears() throws InterruptedException {
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    boundByAnotherScheduler("foreign", 4, "n1");
    cluster.podGroup(NS, "elastic", "default", 2);
    for (int i = 0; i < 6; i++) cluster.pod(NS, "elastic-" + i, 1, Map.of(), Map.of("sluice.dev/pod-group", "elastic"));

    cycleUntil(() -> countBound("elastic-") == 4);
    cycleUntil(() -> "Running".equals(phaseOf("elastic")));
    for (int i = 0; i < 3; i++) loop.cycle();
    assertThat(countBound("elastic-")).as("four GPUs are free, four pods run").isEqualTo(4);

    cluster.client.pods().inNamespace(NS).withName("foreign").delete();
    cycleUntil(() -> countBound("elastic-") == 6);
    assertThat(List.of(nodeOf("elastic-0"), nodeOf("elastic-1"))).as("its first pods keep running where they were")
        .containsOnly("n1");
  }

  @Test
  void aPodGroupThatMustKeepToOneRackWaitsSayingSoUntilOneRackHasRoom() {
    cluster.queue("default", null, "40", null);
    for (var node : List.of("n1", "n2", "n3")) {
      cluster.node(node, "64", "512Gi", 8, "H100", 81_559);
      cluster.label(node, "sluice.dev/rack", node.equals("n3") ? "r2" : "r1");
    }
    cluster.podGroup(NS, "train", new PodGroupResource.Spec(null, 3, null, null, new PodGroupResource.Topology("rack", null)));
    for (int i = 0; i < 3; i++) cluster.pod(NS, "train-" + i, 8, Map.of(), Map.of("sluice.dev/pod-group", "train"));

    cycleUntil(() -> scheduledMessage("train-0").contains("[topology]"));
    assertThat(scheduledMessage("train-0")).contains("within one rack");
    assertThat(countBound("train-")).as("three nodes are free, but no rack has three").isZero();

    cluster.node("n4", "64", "512Gi", 8, "H100", 81_559);
    cluster.label("n4", "sluice.dev/rack", "r1");
    cycleUntil(() -> countBound("train-") == 3);
    assertThat(List.of(nodeOf("train-0"), nodeOf("train-1"), nodeOf("train-2"))).containsExactlyInAnyOrder("n1", "n2", "n4");
  }

  @Test
  void podsOfOtherSchedulersHoldTheirGpus() {
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    boundByAnotherScheduler("foreign", 6, "n1");
    cluster.pod(NS, "mine", 4, Map.of(), Map.of());

    cycleUntil(() -> scheduledMessage("mine").contains("no-node-fits"));
    assertThat(nodeOf("mine")).isNull();
  }

  @Test
  void aRestartedSchedulerAdoptsWhatIsBoundAndHandsOutOnlyWhatIsLeft() throws Exception {
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.pod(NS, "first", 4, Map.of(), Map.of());
    cluster.pod(NS, "half", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.5"));
    cycleUntil(() -> nodeOf("first") != null && nodeOf("half") != null);

    loop.close();
    loop = newLoop();
    cluster.pod(NS, "second", 3, Map.of(), Map.of());
    cluster.pod(NS, "too-many", 1, Map.of(), Map.of());
    cycleUntil(() -> nodeOf("second") != null && scheduledMessage("too-many").contains("no-node-fits"));

    assertThat(nodeOf("too-many")).isNull();
    assertThat(cluster.client.pods().inNamespace("sluice-system").list().getItems()).hasSize(1);
  }

  @Test
  void aFractionalPodTheWebhookWiredUpGetsTheDeviceItsGpusReservationHolds() {
    cluster.queue("default", null, "1", null);
    cluster.node("gpu-1", "16", "64Gi", 2, "L4", 23_034);
    cluster.pod(NS, "nb", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.25", "sluice.dev/gpu-config", "sluice-gpu-abc"));

    cycleUntil(() -> nodeOf("nb") != null && cluster.get(NS, "nb").getMetadata().getAnnotations().containsKey("sluice.dev/gpu-device"));

    var config = cluster.client.configMaps().inNamespace(NS).withName("sluice-gpu-abc").get();
    var reservation = cluster.client.pods().inNamespace("sluice-system").list().getItems().getFirst();
    String device = cluster.client.pods().inNamespace("sluice-system").withName(reservation.getMetadata().getName()).getLog().strip();
    assertThat(device).startsWith("GPU-").isEqualTo(cluster.get(NS, "nb").getMetadata().getAnnotations().get("sluice.dev/gpu-device"));
    assertThat(config.getData()).containsEntry("NVIDIA_VISIBLE_DEVICES", device).containsEntry("SLUICE_GPU_FRACTION", "0.25")
        .containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "25").containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=5758M")
        .containsEntry("SLUICE_GPU_INDEX", cluster.get(NS, "nb").getMetadata().getAnnotations().get("sluice.dev/gpu-index"));
    assertThat(config.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(cluster.get(NS, "nb").getMetadata().getUid()));
  }

  private int reservations() {
    return cluster.client.pods().inNamespace("sluice-system").list().getItems().size();
  }

  @Test
  void aCordonedNodeKeepsTheReservationOfAGpuARunningFractionStillUses() throws InterruptedException {
    cluster.queue("default", null, "1", null);
    cluster.node("n1", "16", "64Gi", 1, "L4", 23_034);
    cluster.pod(NS, "nb", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.5"));
    cycleUntil(() -> nodeOf("nb") != null && reservations() == 1);

    cluster.client.nodes().withName("n1").edit(n -> {
      n.getSpec().setUnschedulable(true);
      return n;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> loop.cycle().nodes() == 0);
    for (int i = 0; i < 3; i++) loop.cycle();
    assertThat(reservations()).isEqualTo(1);
  }

  @Test
  void aReservationThatEndedIsReplacedForTheFractionsStillOnItsGpu() {
    cluster.queue("default", null, "1", null);
    cluster.node("n1", "16", "64Gi", 1, "L4", 23_034);
    cluster.pod(NS, "nb", 0, Map.of(), Map.of("sluice.dev/gpu-fraction", "0.5"));
    cycleUntil(() -> nodeOf("nb") != null && reservations() == 1);
    var first = cluster.client.pods().inNamespace("sluice-system").list().getItems().getFirst();
    cluster.client.pods().inNamespace("sluice-system").withName(first.getMetadata().getName()).editStatus(p -> {
      p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").build());
      return p;
    });

    cycleUntil(() -> cluster.client.pods().inNamespace("sluice-system").list().getItems().stream()
        .anyMatch(p -> p.getStatus() == null || !"Failed".equals(p.getStatus().getPhase())));
    assertThat(cluster.client.pods().inNamespace("sluice-system").list().getItems()).singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid()));
  }

  @Test
  void aForeignPodWithAFractionAnnotationStillHoldsTheGpuItsContainerAsksFor() {
    cluster.queue("default", null, "8", null);
    cluster.node("n1", "16", "64Gi", 1, "L4", 23_034);
    boundByAnotherScheduler("foreign", 1, "n1", Map.of("sluice.dev/gpu-fraction", "0.5"));
    cluster.pod(NS, "mine", 1, Map.of(), Map.of());
    cycleUntil(() -> scheduledMessage("mine").contains("no-node-fits"));
    assertThat(nodeOf("mine")).isNull();
  }

  @Test
  void anEvictionAPodDisruptionBudgetRefusesIsReportedOnThePodAndTheVictimKeepsRunning() {
    org.junit.jupiter.api.Assumptions.assumeTrue(cluster.isMock(), "needs the mock server's budget switch");
    cluster.queue("a", null, "4", null);
    cluster.queue("b", null, "4", null);
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    for (int i = 0; i < 2; i++) cluster.pod(NS, "b-" + i, 4, Map.of("sluice.dev/queue", "b"), Map.of());
    cycleUntil(() -> countBound("b-") == 2);
    cluster.dispatcher.protectedByBudget.addAll(List.of(NS + "/b-0", NS + "/b-1"));

    cluster.pod(NS, "a-0", 4, Map.of("sluice.dev/queue", "a"), Map.of());
    cycleUntil(() -> events().stream().anyMatch(e -> "EvictionRefused".equals(e.getReason())));

    assertThat(countBound("b-")).isEqualTo(2);
    assertThat(nodeOf("a-0")).isNull();
    assertThat(events()).filteredOn(e -> "EvictionRefused".equals(e.getReason()))
        .first().satisfies(e -> assertThat(e.getMessage()).contains("PodDisruptionBudget"));
  }

  @Test
  void aPodThatVanishesBeforeItsBindIsSkipped() throws InterruptedException {
    var binder = new dev.sluice.k8s.write.ApiBinder(cluster.client, K8sConfig.defaults());
    cluster.node("n1", "64", "512Gi", 8, "H100", 81_559);
    cluster.pod(NS, "here", 1, Map.of(), Map.of());
    var outcomes = binder.bind(List.of(new dev.sluice.k8s.write.ApiBinder.Request(NS, "gone", "n1", -1),
        new dev.sluice.k8s.write.ApiBinder.Request(NS, "here", "n1", -1)));
    assertThat(outcomes).extracting(o -> o.pod() + " " + o.kind()).containsExactly(NS + "/gone VANISHED", NS + "/here BOUND");
    assertThat(nodeOf("here")).isEqualTo("n1");
  }

  /** A pod of the default scheduler, bound to the node. */
  private void boundByAnotherScheduler(String name, int gpus, String node) {
    boundByAnotherScheduler(name, gpus, node, Map.of());
  }

  private void boundByAnotherScheduler(String name, int gpus, String node, Map<String, String> annotations) {
    var pod = cluster.pod(NS, name, gpus, Map.of(), annotations);
    pod.getSpec().setSchedulerName("default-scheduler");
    pod.getSpec().setNodeName(node);
    cluster.client.pods().inNamespace(NS).resource(pod).update();
  }

  private long countBound(String prefix) {
    return cluster.countBound(NS, prefix);
  }

  private void setReady(String node, boolean ready) {
    cluster.client.nodes().withName(node).editStatus(n -> {
      n.getStatus().getConditions().forEach(c -> {
        if ("Ready".equals(c.getType())) c.setStatus(ready ? "True" : "False");
      });
      return n;
    });
  }
}
