package dev.sluice.k8s;

import dev.sluice.control.Committed;
import dev.sluice.control.DecidedCycle;
import dev.sluice.control.DecisionSink;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.read.AssumedBind;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.read.Gang;
import dev.sluice.k8s.read.Pods;
import dev.sluice.k8s.read.Remembered;
import dev.sluice.k8s.write.ApiBinder;
import dev.sluice.k8s.write.ApiEvictor;
import dev.sluice.k8s.write.BindOutcome;
import dev.sluice.k8s.write.GpuConfigs;
import dev.sluice.k8s.write.Reservations;
import dev.sluice.k8s.write.StatusWriter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Carries out one cycle's decisions through the API server, then writes every status: evictions first
 * ({@link EvictionCommit}); a bind onto a node with an eviction of this cycle waits for the next cycle, and so do
 * the waiting pods of a gang whose running pods this cycle evicts; then the binds (a gang whose minimum did not
 * bind whole is taken back: {@link GangTakeBack}), the shared GPUs' reservations and environments
 * ({@link SharedGpus}), reasons, the evictions of gangs that stayed below their minimum ({@link StaleGangEvictions}), and last the queues' statuses, past usage included ({@link UsageStatuses}).
 */
final class CycleCommit implements DecisionSink<CacheRead>, AutoCloseable {
  private final ApiBinder binder;
  private final StatusWriter statuses;
  private final SharedGpus sharedGpus;
  private final AssumedBinds assumed;
  private final EvictionCommit evictions;
  private final GangBackoff backoff;
  private final GangTakeBack takeBack;
  private final StaleGangEvictions staleGangs;
  private final int statusWrites;

  CycleCommit(ApiBinder binder, EvictionCommit evictions, StatusWriter statuses, Reservations reservations, GpuConfigs configs,
              AssumedBinds assumed, GangBackoff backoff, StaleGangEvictions staleGangs, int statusWrites) {
    this.statusWrites = statusWrites;
    this.binder = binder;
    this.evictions = evictions;
    this.statuses = statuses;
    this.sharedGpus = new SharedGpus(reservations, configs);
    this.assumed = assumed;
    this.backoff = backoff;
    this.takeBack = new GangTakeBack(evictions, statuses, assumed, backoff);
    this.staleGangs = staleGangs;
  }

  /**
   * The commit a {@link KubernetesLoop} makes through {@code client}: binds by {@link ApiBinder}, evictions by
   * {@link ApiEvictor} with {@code grace}, statuses and Events by {@code statuses}.
   */
  static CycleCommit through(KubernetesClient client, K8sConfig config, StatusWriter statuses, Duration grace,
                             Consumer<StaleGangCount> onStaleGangs) {
    var evictions = new EvictionCommit(new ApiEvictor(client, grace), statuses, grace.plusSeconds(30));
    var staleGangs = new StaleGangEvictions(new StaleGangs(config.staleGangGrace()), evictions, statuses, onStaleGangs);
    return new CycleCommit(new ApiBinder(client, config), evictions, statuses, new Reservations(client, config), new GpuConfigs(client),
        new AssumedBinds(config.assumedTimeout()), new GangBackoff(config.gangRetryBackoff()), staleGangs, config.statusWritesPerCycle());
  }

  @Override
  public void close() {
    evictions.close();
  }

  /** What the reader should know of this commit's writes the informers may not show yet. */
  Remembered remembered(List<Pod> pods, Instant now) {
    return new Remembered(assumed.current(pods, now.toEpochMilli()), evictions.leaving(now), backoff.holds(now));
  }

  @Override
  public Committed commit(DecidedCycle<CacheRead> cycle) throws InterruptedException {
    var objects = cycle.reading().objects();
    var read = cycle.reading().read();
    var result = cycle.result();
    var now = cycle.started();
    var groups = new PodGroupStatuses(now);
    var sent = evictions.send(objects, read, result, now);
    var binds = binds(read, result, sent.draining(), groups, now);
    var outcomes = binder.bind(binds.requests());
    int bound = 0;
    int failed = sent.refused();
    for (var bind : GangBind.of(binds.done(), binds.requests(), outcomes)) {
      if (bind.whole() || bind.bound() == 0) {
        failed += started(read, bind, now);
        bound += bind.bound();
        if (bind.whole()) groups.running(read.gangs().get(bind.decision().workload().id()), bind.bound());
      } else {
        failed += takeBack.takeBack(read, bind, groups, now);
      }
    }
    sharedGpus.completeConfigs(read);
    waiting(read, result, groups, now);
    var stale = staleGangs.commit(objects, read, result, groups, now);
    statuses.flush(statusWrites);
    writeGroups(objects, groups);
    sharedGpus.reconcile(read, binds.sharedNow());
    writeQueues(objects, read, cycle);
    return new Committed(bound, sent.evicted() + stale.podsEvicted(), failed + stale.refused());
  }

  private void writeQueues(ClusterObjects objects, ClusterRead read, DecidedCycle<CacheRead> cycle) {
    long now = cycle.started().toEpochMilli();
    var usage = UsageStatuses.next(objects.queues(), cycle.snapshot().usage(), now);
    var queueStatuses = QueueStatuses.of(read.snapshot(), cycle.result().fairShares(), read.queueProblem(), usage, cycle.started());
    for (var queue : objects.queues()) {
      var status = queueStatuses.get(queue.getMetadata().getName());
      if (status != null) statuses.queue(queue, status);
    }
  }

  /**
   * Records the binds of a gang that bound whole (or of which nothing bound, to be tried again); returns how many
   * failed.
   */
  private int started(ClusterRead read, GangBind bind, Instant now) {
    if (bind.whole()) backoff.bound(read.gangs().get(bind.decision().workload().id()).id());
    int failed = 0;
    for (int i = 0; i < bind.outcomes().size(); i++) {
      var o = bind.outcomes().get(i);
      var pod = read.pods().get(o.pod());
      if (o.kind() == BindOutcome.Kind.BOUND) {
        assumed.add(pod, new AssumedBind(o.node(), bind.requests().get(i).gpu(), now.toEpochMilli()));
        statuses.event(pod, "Normal", "Scheduled", "Successfully assigned " + o.pod() + " to " + o.node(), now);
      } else if (o.kind() == BindOutcome.Kind.ALREADY_BOUND) {
        // Bound by someone else, on the node it is on: it holds it (its GPUs unknown, any will do) until the informer shows it.
        assumed.add(pod, new AssumedBind(o.node(), -1, now.toEpochMilli()));
      } else if (o.kind() == BindOutcome.Kind.FAILED) {
        failed++;
        statuses.podWaits(pod, "sluice: binding to " + o.node() + " failed: " + o.message() + "; it is tried again", now);
      }
    }
    return failed;
  }

  /** The binds to send: those of this cycle's decisions whose nodes are not draining and whose GPU is reserved. */
  private record Binds(List<ApiBinder.Request> requests, List<SchedulingDecision.Bind> done, Set<String> sharedNow) {
  }

  private Binds binds(ClusterRead read, CycleResult result, Set<String> draining, PodGroupStatuses groups, Instant now) {
    var requests = new ArrayList<ApiBinder.Request>();
    var done = new ArrayList<SchedulingDecision.Bind>();
    var shared = new HashSet<String>();
    var losingCore = gangsLosingTheirCore(read, result);
    for (var bind : result.binds()) {
      var gang = read.gangs().get(bind.workload().id());
      var blocked = bind.pods().stream().map(PodBinding::node).filter(draining::contains).findFirst();
      var problem = blocked.map(n -> "waiting for evicted pods to leave node " + n)
          .or(() -> losingCore.contains(gang.id()) ? Optional.of(coreLeaves(gang)) : Optional.empty())
          .or(() -> sharedGpus.reserve(read, bind, shared));
      if (problem.isPresent()) {
        for (var b : bind.pods()) statuses.podWaits(read.pods().get(b.pod().name()), "sluice: " + problem.get(), now);
        groups.waiting(gang, "waiting", problem.get(), null);
        continue;
      }
      done.add(bind);
      for (var b : bind.pods()) {
        var pod = read.pods().get(b.pod().name());
        int gpu = SharedGpus.isFraction(b) ? b.gpus().getFirst() : -1;
        if (gpu >= 0) shared.add(ClusterRead.gpuKey(b.node(), gpu));
        requests.add(new ApiBinder.Request(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), b.node(), gpu));
      }
    }
    return new Binds(requests, done, shared);
  }

  /**
   * The gangs whose running core (the workload named by the gang's id: its first {@code minMembers} running pods)
   * this cycle evicts or moves. None of their waiting pods is bound in the same cycle: without the core they would
   * run below the gang's minimum.
   */
  private static Set<String> gangsLosingTheirCore(ClusterRead read, CycleResult result) {
    return result.decisions().stream()
        .filter(d -> d instanceof SchedulingDecision.Evict || d instanceof SchedulingDecision.Move)
        .map(d -> d.workload().id())
        .filter(id -> read.gangs().containsKey(id) && read.gangs().get(id).id().equals(id))
        .collect(Collectors.toSet());
  }

  private static String coreLeaves(Gang gang) {
    return "the running pods of gang " + gang.id() + " are evicted this cycle; its other pods wait to be bound with the gang whole";
  }

  private void waiting(ClusterRead read, CycleResult result, PodGroupStatuses groups, Instant now) {
    for (var pending : result.pending()) {
      var gang = read.gangs().get(pending.workload().id());
      var reason = pending.reason();
      String message = "sluice: " + reason.message() + " [" + reason.code() + "]";
      for (var pod : unbound(gang)) statuses.podWaits(pod, message, now);
      groups.waiting(gang, reason.code(), reason.message(), pending.queuePosition());
    }
    for (var gang : read.held()) {
      String message = "sluice: " + gang.hold().message() + " [" + gang.hold().code() + "]";
      for (var pod : unbound(gang)) statuses.podWaits(pod, message, now);
      groups.held(gang);
    }
  }

  private static List<Pod> unbound(Gang gang) {
    return gang.pods().stream().filter(p -> !Pods.bound(p)).toList();
  }

  private void writeGroups(ClusterObjects objects, PodGroupStatuses groups) {
    for (var group : objects.podGroups()) {
      var status = groups.byKey().get(group.getMetadata().getNamespace() + "/" + group.getMetadata().getName());
      if (status != null) statuses.podGroup(group, status);
    }
  }
}
