package dev.sluice.k8s.read;

import dev.sluice.control.OwnJobLeaves;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the API objects of one cycle into the core's {@link SchedulerSnapshot}. Schedulable nodes only;
 * pods bound by other schedulers, and Sluice's own pods while they terminate, hold what they ask for but are
 * no one's workload (never evicted by Sluice, not counted in a queue); a bind Sluice sent counts as done
 * until the informer shows it. A gang with some pods running and others not runs with those it has; the
 * others wait as a workload of their own ({@code ID#more}) that needs only one of them at a time, so an elastic
 * gang grows as room appears; the pods it runs above its minimum are one-pod workloads ({@code ID#extra/POD}),
 * so it shrinks a pod at a time. The bound pods of a gang whose queue has been given sub-queues since they started run
 * in the queue's own-jobs leaf ({@link OwnJobLeaves}), so that they count in the queue's and its ancestors' quota,
 * limits and fair share; its pods still to place wait for a queue without sub-queues.
 */
public final class SnapshotReader {
  /** Separates an elastic gang's id from the name of one of its pods above its minimum: {@code GANG#extra/POD}. */
  private static final String EXTRA = "#extra/";
  private final K8sConfig config;

  public SnapshotReader(K8sConfig config) {
    this.config = config;
  }

  /** The workload id of a pod above an elastic gang's minimum. */
  private static String extraId(String gangId, String podName) {
    return gangId + EXTRA + podName;
  }

  /** Reads {@code objects} with only the binds Sluice sent and the informer has not shown yet. */
  public ClusterRead read(ClusterObjects objects, Map<String, AssumedBind> assumed, UsageHistory usage, long now) {
    return read(objects, Remembered.assumed(assumed), usage, now);
  }

  /** Reads {@code objects} with what the scheduler remembers of its own writes. */
  public ClusterRead read(ClusterObjects objects, Remembered remembered, UsageHistory usage, long now) {
    var nodes = objects.nodes().stream().filter(NodeModels::schedulable)
        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
        .flatMap(n -> NodeModels.model(n, config.topologyLabels()).stream()).toList();
    var gpuMemory = new TreeMap<String, Long>();
    nodes.forEach(n -> n.gpus().forEach(g -> {
      if (g.memoryMib() > 0) gpuMemory.merge(g.model(), g.memoryMib(), Math::min);
    }));
    var occupancy = new NodeOccupancy(nodes);
    var pods = new ClassifiedPods(objects.pods(), remembered, config);
    String queueProblem = null;
    QueueTree queues;
    try {
      queues = QueueTree.of(queueSpecs(objects));
    } catch (QueueDefinitionException e) {
      queueProblem = "the queues are invalid, nothing is scheduled until they are fixed: " + e.getMessage();
      queues = emptyTree();
    }
    var gangs = new Gangs(objects, config).of(pods.sluice);
    var tree = OwnJobLeaves.tree(queues, queuesRunning(gangs, pods));
    var domains = new HashMap<String, Map<String, String>>();
    objects.nodes().forEach(n -> domains.put(n.getMetadata().getName(), NodeModels.domains(n, config.topologyLabels())));
    var build = new Build(queues, tree, occupancy, pods, gpuMemory, domains, now);
    build.placeHeld();
    for (var gang : gangs) {
      var held = remembered.holds().get(gang.id());
      build.add(held == null ? gang : gang.held(held.code(), held.message()), queueProblem);
    }
    var snapshot = new SchedulerSnapshot(occupancy.snapshot(), build.running, build.pending, tree, usage, now);
    var nodeNames = objects.nodes().stream().map(n -> n.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
    return new ClusterRead(snapshot, build.gangs, build.held, pods.byKey, pods.reservations, pods.staleReservations, build.shared, queueProblem,
        GangBelowMinimum.of(gangs, pods, nodeNames));
  }

  /** The queues of the gangs with a pod bound, or a bind sent. */
  private static Set<String> queuesRunning(List<Gang> gangs, ClassifiedPods pods) {
    var queues = new HashSet<String>();
    gangs.stream().filter(gang -> gang.pods().stream().anyMatch(pods::isBound)).forEach(gang -> queues.add(gang.queue()));
    return queues;
  }

  private static List<QueueSpec> queueSpecs(ClusterObjects objects) throws QueueDefinitionException {
    var specs = new ArrayList<QueueSpec>();
    var problems = new ArrayList<String>();
    for (var q : objects.queues()) {
      switch (QueueSpecs.of(q)) {
        case Parsed.Ok<QueueSpec> ok -> specs.add(ok.value());
        case Parsed.Invalid<QueueSpec> invalid -> problems.add("queue " + q.getMetadata().getName() + ": " + invalid.text());
      }
    }
    if (!problems.isEmpty()) throw new QueueDefinitionException(problems);
    return specs;
  }

  private static QueueTree emptyTree() {
    try {
      return QueueTree.of(List.of());
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  static int parseIndex(String text) {
    if (text == null) return -1;
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The workloads and node occupancy being built. */
  private final class Build {
    /** The Queues as they are defined. */
    final QueueTree queues;
    /** The queues the core schedules in: the Queues, and an own-jobs leaf under each with sub-queues and running pods. */
    final QueueTree tree;
    final NodeOccupancy occupancy;
    final ClassifiedPods pods;
    final Map<String, Long> gpuMemory;
    /** Every node's domain at each topology level, schedulable or not, by node name. */
    final Map<String, Map<String, String>> domains;
    final long now;
    final List<RunningWorkload> running = new ArrayList<>();
    final List<Workload> pending = new ArrayList<>();
    final Map<String, Gang> gangs = new HashMap<>();
    final List<Gang> held = new ArrayList<>();
    final Set<String> shared = new HashSet<>();
    final Map<String, PodBinding> bindings = new HashMap<>();

    Build(QueueTree queues, QueueTree tree, NodeOccupancy occupancy, ClassifiedPods pods, Map<String, Long> gpuMemory,
          Map<String, Map<String, String>> domains, long now) {
      this.queues = queues;
      this.tree = tree;
      this.occupancy = occupancy;
      this.pods = pods;
      this.gpuMemory = gpuMemory;
      this.domains = domains;
      this.now = now;
    }

    /**
     * Places, in this order: the fractions Sluice's pods share (a GPU shared by a running or terminating
     * fractional pod stays shared even on a node that takes no new work, so its reservation stays), reservations,
     * then every other running pod. A pod that is not Sluice's to schedule, or whose request no longer reads, holds
     * what its containers ask for.
     */
    void placeHeld() {
      var wholes = new ArrayList<Pod>();
      for (var pod : java.util.stream.Stream.concat(pods.sluice.stream(), pods.terminating.stream()).toList()) {
        if (!pods.isBound(pod)) continue;
        if (PodRequests.read(pod, gpuMemory) instanceof Parsed.Ok<PodRequest> ok && isFraction(ok.value())) {
          placeFraction(pod, ok.value());
        } else {
          wholes.add(pod);
        }
      }
      pods.reservations.forEach((key, pod) -> placeReservation(key, pod));
      for (var pod : wholes) {
        if (!occupancy.knows(pods.node(pod))) continue;
        var parsed = PodRequests.read(pod, gpuMemory);
        boolean workload = parsed instanceof Parsed.Ok<PodRequest> && !Pods.terminating(pod);
        var request = parsed instanceof Parsed.Ok<PodRequest> ok ? ok.value() : PodRequests.held(pod);
        occupancy.place(pods.node(pod), request.shape()).filter(g -> workload)
            .ifPresent(g -> bindings.put(Pods.key(pod), new PodBinding(request, pods.node(pod), g)));
      }
      for (var pod : pods.held) {
        if (occupancy.knows(pods.node(pod))) occupancy.place(pods.node(pod), PodRequests.held(pod).shape());
      }
    }

    private static boolean isFraction(PodRequest request) {
      return request.gpuCount() == 1 && request.gpuMilliPerGpu() < PodRequest.WHOLE_GPU;
    }

    /**
     * A running fractional pod on its GPU. One that asked for GPU memory holds that share of the very GPU it
     * runs on (not of the smallest model that could hold it, which changes as nodes come and go).
     */
    private void placeFraction(Pod pod, PodRequest asked) {
      String node = pods.node(pod);
      int gpu = pods.gpuIndex(pod);
      shared.add(ClusterRead.gpuKey(node, gpu));
      if (!occupancy.knows(node)) return;
      var device = occupancy.gpu(node, gpu);
      var request = device.filter(d -> d.memoryMib() > 0 && Pods.annotations(pod).containsKey(Keys.GPU_MEMORY))
          .map(d -> PodRequests.read(pod, Map.of(d.model(), d.memoryMib())))
          .flatMap(p -> p instanceof Parsed.Ok<PodRequest> ok ? java.util.Optional.of(ok.value()) : java.util.Optional.empty())
          .orElse(asked);
      occupancy.placeOn(node, request.shape(), gpu).filter(g -> !Pods.terminating(pod))
          .ifPresent(g -> bindings.put(Pods.key(pod), new PodBinding(request, node, g)));
    }

    private void placeReservation(String key, Pod pod) {
      String node = pod.getSpec().getNodeName();
      if (!occupancy.knows(node) || shared.contains(key)) return;
      int gpu = parseIndex(Pods.labels(pod).get(Keys.RESERVED_GPU));
      var reservation = new PodRequest(Pods.key(pod), 0, 0, 1, PodRequest.WHOLE_GPU, Set.of());
      occupancy.placeOn(node, reservation.shape(), gpu);
    }

    void add(Gang gang, String queueProblem) {
      var requests = new ArrayList<PodRequest>();
      Gang.Hold invalid = null;
      for (var pod : gang.pods()) {
        switch (PodRequests.read(pod, gpuMemory)) {
          case Parsed.Ok<PodRequest> ok -> requests.add(ok.value());
          case Parsed.Invalid<PodRequest> bad -> invalid = invalid != null ? invalid
              : new Gang.Hold("invalid-request", "pod " + Pods.key(pod) + ": " + bad.text());
        }
      }
      var queueHold = queueProblem != null ? java.util.Optional.of(new Gang.Hold("invalid-queues", queueProblem)) : queueFault(gang);
      var badRequest = java.util.Optional.ofNullable(invalid);
      var hold = queueHold.or(gang::holdReason).or(() -> badRequest);
      if (invalid == null && queueProblem == null && queues.queue(gang.queue()).isPresent()) runningPart(gang);
      if (hold.isPresent()) {
        held.add(gang.held(hold.get().code(), hold.get().message()));
        return;
      }
      waitingPart(gang, requests);
    }

    /**
     * The gang's bound pods as a running workload of its queue (of its own-jobs leaf if the queue has sub-queues), held
     * or not (they hold what they hold). Of an
     * elastic gang running more than its minimum, its first {@code minMembers} bound pods (in the gang's order: by
     * creation, then name, which does not change from cycle to cycle) are that workload and each pod above them
     * is a one-pod workload of its own ({@link #EXTRA}), so that a reclaim or preemption may take those alone,
     * cheapest first like every victim, and shrink the gang rather than evict it whole. What the cycle decides
     * to evict is what it counted: evicting the gang's first pods leaves the others running, and they form the
     * gang again from the next cycle on.
     */
    private void runningPart(Gang gang) {
      var bound = new ArrayList<Pod>();
      for (var pod : gang.pods()) if (bindings.containsKey(Pods.key(pod))) bound.add(pod);
      if (bound.isEmpty()) return;
      int core = Math.min(gang.minMembers(), bound.size());
      running.add(runningWorkload(gang, gang.id(), bound.subList(0, core), core));
      gangs.put(gang.id(), gang);
      for (var extra : bound.subList(core, bound.size())) {
        var id = extraId(gang.id(), extra.getMetadata().getName());
        running.add(runningWorkload(gang, id, List.of(extra), 1));
        gangs.put(id, gang);
      }
    }

    private RunningWorkload runningWorkload(Gang gang, String id, List<Pod> pods, int min) {
      var podBindings = pods.stream().map(p -> bindings.get(Pods.key(p))).toList();
      long started = pods.stream().mapToLong(this::startMillis).min().orElseThrow();
      var leaf = OwnJobLeaves.leafOf(tree, gang.queue());
      return new RunningWorkload(workload(gang, leaf, id, podBindings.stream().map(PodBinding::pod).toList(), min), podBindings, started);
    }

    /**
     * The gang's unbound pods as a pending workload; when some of its pods run, they wait as {@code ID#more},
     * needing what the gang still lacks of its minimum (at least one).
     */
    private void waitingPart(Gang gang, List<PodRequest> requests) {
      var waiting = new ArrayList<PodRequest>();
      int bound = 0;
      for (int i = 0; i < gang.pods().size(); i++) {
        if (pods.isBound(gang.pods().get(i))) bound++;
        else waiting.add(requests.get(i));
      }
      if (waiting.isEmpty()) return;
      String id = bound > 0 ? gang.id() + "#more" : gang.id();
      int min = Math.max(1, gang.minMembers() - bound);
      if (waiting.size() < min) {
        held.add(gang.held("gang-incomplete", "gang needs " + min + (bound > 0 ? " more" : "") + " pods at once, only " + waiting.size()
            + " exist"));
        return;
      }
      var topology = GangDomain.ofTheRest(gang, bindings, domains);
      if (topology.isEmpty()) {
        held.add(gang.held("topology", "its running pods are not within one " + gang.topology().level()
            + " (their nodes lack the label or differ), so the rest of it has no " + gang.topology().level() + " to join"));
        return;
      }
      pending.add(workload(gang, gang.queue(), id, waiting, min).withTopology(topology.get()));
      gangs.put(id, gang);
    }

    /** The gang's workload {@code id} of {@code requests}, in the leaf queue {@code leaf}. */
    private Workload workload(Gang gang, String leaf, String id, List<PodRequest> requests, int min) {
      return new Workload(id, leaf, gang.namespace(), requests, min, gang.priority(), gang.preemptible(), gang.submitTime(),
          dev.sluice.core.scheduler.Runtimes.NONE, gang.topology());
    }

    private long startMillis(Pod pod) {
      var status = pod.getStatus();
      long started = Pods.createdMillis(status == null ? null : status.getStartTime());
      if (started > 0) return started;
      var a = pods.assumed.get(Pods.key(pod));
      return a != null ? a.since() : Pods.createdMillis(pod.getMetadata().getCreationTimestamp());
    }

    /**
     * Why the gang's queue keeps it from the core: it does not exist, or it has sub-queues and the gang has pods to
     * place (its bound pods run in the queue's own-jobs leaf, so a gang that has all its pods bound is not held).
     */
    private java.util.Optional<Gang.Hold> queueFault(Gang gang) {
      String queue = gang.queue();
      if (queues.queue(queue).isEmpty()) {
        return java.util.Optional.of(new Gang.Hold("unknown-queue", "queue " + queue + " does not exist: create a Queue named " + queue
            + " or label the pod (or its namespace) " + Keys.QUEUE + " with an existing leaf queue"));
      }
      if (!queues.isLeaf(queue) && !gang.pods().stream().allMatch(pods::isBound)) {
        return java.util.Optional.of(new Gang.Hold("unknown-queue", "queue " + queue + " has sub-queues; pods go to a queue without sub-queues"));
      }
      return java.util.Optional.empty();
    }
  }
}
