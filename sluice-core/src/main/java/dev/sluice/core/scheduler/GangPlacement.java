package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Places a workload's pods in the session's statement, all or nothing: at least {@code minMembers} pods,
 * each within its queue's limits and fair share, then (elastic workloads) as many more as fit and are
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
    var admission = admitMinimum(session, workload);
    if (admission.isPresent()) return new Failed(admission.get());
    var statement = session.statement;
    int mark = statement.checkpoint();
    var slots = new ArrayList<Slot>();
    for (int i = 0; i < workload.minMembers(); i++) {
      var failure = placeOne(session, workload, workload.pods().get(i), slots);
      if (failure.isPresent()) {
        statement.rollback(mark);
        return new Failed(i == 0 || !(failure.get() instanceof PendingReason.NoNodeFits noFit) ? failure.get()
            : new PendingReason.GangIncomplete(workload.minMembers(), i, noFit.placement()));
      }
    }
    for (int i = workload.minMembers(); i < workload.maxMembers(); i++) {
      if (placeOne(session, workload, workload.pods().get(i), slots).isPresent()) break;
    }
    return new Placed(List.copyOf(slots));
  }

  /** Places exactly these pods (e.g. of a workload being moved), each admitted; empty when one does not fit. */
  static Optional<List<Slot>> placeAll(Session session, Workload workload, List<PodRequest> pods) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var slots = new ArrayList<Slot>();
    for (var pod : pods) {
      if (placeOne(session, workload, pod, slots).isPresent()) {
        statement.rollback(mark);
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(slots));
  }

  private static Optional<PendingReason> admitMinimum(Session session, Workload workload) {
    var total = new long[session.dimensions.size()];
    for (int i = 0; i < workload.minMembers(); i++) {
      Dimensions.addTo(total, session.dimensions.requested(workload.pods().get(i)), 1);
    }
    return session.ledger.admit(workload.queue(), total);
  }

  private static Optional<PendingReason> placeOne(Session session, Workload workload, PodRequest pod, List<Slot> slots) {
    var refused = session.ledger.admit(workload.queue(), session.dimensions.requested(pod));
    if (refused.isPresent()) return refused;
    return switch (session.placer.decide(pod)) {
      case Decision.Unschedulable unschedulable -> Optional.of(new PendingReason.NoNodeFits(unschedulable.reason()));
      case Decision.Placed placed -> {
        var amount = session.dimensions.placed(pod, session.nodeModel(placed.nodeIndex()));
        var beyond = session.ledger.admit(workload.queue(), amount);
        if (beyond.isPresent()) yield beyond;
        var slot = new Slot(pod, placed.nodeIndex(), placed.gpuArray());
        session.statement.assign(workload.queue(), slot);
        slots.add(slot);
        yield Optional.empty();
      }
    };
  }
}
