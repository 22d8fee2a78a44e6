package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Places a workload's pods in the session's statement, all or nothing: if its queue and their ancestors are below
 * their caps on running workloads ({@link RunningCaps}), at least {@code minMembers} pods, each within its queue's
 * limits and fair share, then (elastic workloads) as many more as fit and are
 * admitted. On failure everything it did is rolled back and the reason says why.
 */
final class GangPlacement {
  private GangPlacement() {
  }

  /** The outcome of one try: the pods' places, or why the workload waits. */
  sealed interface Attempt {
  }

  record Placed(List<Slot> slots) implements Attempt {
  }

  record Failed(PendingReason reason) implements Attempt {
  }

  static Attempt place(Session session, Workload workload) {
    return place(session, workload, Admission.FAIR_SHARE);
  }

  /** As {@link #place(Session, Workload)}, each pod admitted as {@code admission} says. */
  static Attempt place(Session session, Workload workload, Admission admission) {
    var atCap = session.atCap(workload);
    if (atCap.isPresent()) return new Failed(atCap.get());
    boolean withinDeservedOnly = !workload.preemptible() && !session.ledger.nonPreemptibleAboveDeserved(workload.queue());
    if (withinDeservedOnly) admission = Admission.DESERVED;
    var refusal = admitMinimum(session, workload, admission);
    if (refusal.isPresent()) {
      return new Failed(withinDeservedOnly && refusal.get() instanceof PendingReason.OverQuota q
          ? new PendingReason.NonPreemptibleOverQuota(q.queue(), q.dimension(), q.requested(), q.allocated(), q.deserved())
          : refusal.get());
    }
    return workload.topology().isNone() ? placePods(session, workload, admission) : TopologyPlacement.place(session, workload, admission);
  }

  /** Places the workload's minimum, then as many more of its pods as fit, on the nodes the cluster offers now. */
  static Attempt placePods(Session session, Workload workload, Admission admission) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var slots = new ArrayList<Slot>();
    for (int i = 0; i < workload.minMembers(); i++) {
      var failure = placeOne(session, workload, workload.pods().get(i), slots, admission);
      if (failure.isPresent()) {
        statement.rollback(mark);
        return new Failed(i == 0 || !(failure.get() instanceof PendingReason.NoNodeFits noFit) ? failure.get()
            : new PendingReason.GangIncomplete(workload.minMembers(), i, noFit.placement()));
      }
    }
    for (int i = workload.minMembers(); i < workload.maxMembers(); i++) {
      if (placeOne(session, workload, workload.pods().get(i), slots, admission).isPresent()) break;
    }
    return new Placed(List.copyOf(slots));
  }

  /** Places exactly these pods (e.g. of a workload being moved), each admitted; empty when one does not fit. */
  static Optional<List<Slot>> placeAll(Session session, Workload workload, List<PodRequest> pods) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var slots = new ArrayList<Slot>();
    for (var pod : pods) {
      if (placeOne(session, workload, pod, slots, Admission.FAIR_SHARE).isPresent()) {
        statement.rollback(mark);
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(slots));
  }

  /** The pod as placement should see it: only the GPU models its queue may still take; or why none. */
  private record Admitted(PodRequest request, Optional<PendingReason> refusal) {
  }

  private static Admitted admittedModels(Session session, String queue, PodRequest pod, long[] placedSoFar,
                                         Admission admission) {
    if (pod.gpuCount() == 0) return new Admitted(pod, Optional.empty());
    var allowed = new TreeSet<String>();
    Optional<PendingReason> firstRefusal = Optional.empty();
    int candidates = 0;
    // Every model of the cluster the pod may run on: one without a quota dimension is admitted as it is.
    for (var model : session.gpuModels()) {
      if (!pod.allowedGpuModels().isEmpty() && !pod.allowedGpuModels().contains(model)) continue;
      candidates++;
      if (!session.dimensions.models().contains(model)) {
        allowed.add(model);
        continue;
      }
      var refusal = session.ledger.admit(queue, placedSoFar, session.dimensions.placed(pod, model), admission);
      if (refusal.isEmpty()) allowed.add(model);
      else if (firstRefusal.isEmpty()) firstRefusal = refusal;
    }
    if (allowed.isEmpty()) return new Admitted(pod, firstRefusal);
    if (allowed.size() == candidates) return new Admitted(pod, Optional.empty());
    var narrowed = pod.withAllowedGpuModels(allowed);
    return new Admitted(narrowed, Optional.empty());
  }

  private static Optional<PendingReason> admitMinimum(Session session, Workload workload, Admission admission) {
    var total = new long[session.dimensions.size()];
    for (int i = 0; i < workload.minMembers(); i++) {
      Dimensions.addTo(total, session.dimensions.requested(workload.pods().get(i)), 1);
    }
    return session.ledger.admit(workload.queue(), new long[total.length], total, admission);
  }

  private static Optional<PendingReason> placeOne(Session session, Workload workload, PodRequest pod, List<Slot> slots,
                                                  Admission admission) {
    var placedSoFar = new long[session.dimensions.size()];
    for (var slot : slots) Dimensions.addTo(placedSoFar, session.dimensions.placed(slot.pod(), session.nodeModel(slot.node())), 1);
    var requested = session.dimensions.requested(pod);
    var refused = session.ledger.admit(workload.queue(), placedSoFar, requested, admission);
    if (refused.isPresent()) return refused;
    var admitted = admittedModels(session, workload.queue(), pod, placedSoFar, admission);
    if (admitted.refusal().isPresent()) return admitted.refusal();
    var shape = admitted.request().shape();
    var knownUnfit = session.knownUnfit(shape);
    if (knownUnfit.isPresent()) return Optional.of(new PendingReason.NoNodeFits(knownUnfit.get()));
    return switch (session.placer.decide(admitted.request())) {
      case Decision.Unschedulable unschedulable -> {
        session.rememberUnfit(shape, unschedulable.reason());
        yield Optional.of(new PendingReason.NoNodeFits(unschedulable.reason()));
      }
      case Decision.Placed placed -> {
        var amount = session.dimensions.placed(pod, session.nodeModel(placed.nodeIndex()));
        var beyond = session.ledger.admit(workload.queue(), placedSoFar, amount, admission);
        if (beyond.isPresent()) yield beyond;
        var slot = new Slot(pod, placed.nodeIndex(), placed.gpuArray());
        session.statement.assign(workload.queue(), slot);
        slots.add(slot);
        yield Optional.empty();
      }
    };
  }
}
