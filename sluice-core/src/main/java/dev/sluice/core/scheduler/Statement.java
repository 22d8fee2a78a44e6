package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import java.util.ArrayList;

/**
 * A journal of changes to the working copy of the cluster and the queues' ledger: an action assigns and
 * releases pods through it, sets a checkpoint before a trial, rolls back to it when the trial fails, and
 * commits when the trial fully succeeds.
 */
final class Statement {
  private final ClusterState cluster;
  private final Ledger ledger;
  private final Dimensions dimensions;
  private final ArrayList<Runnable> undo = new ArrayList<>();

  Statement(ClusterState cluster, Ledger ledger, Dimensions dimensions) {
    this.cluster = cluster;
    this.ledger = ledger;
    this.dimensions = dimensions;
  }

  int checkpoint() {
    return undo.size();
  }

  /** Undoes every change made since {@code mark}, newest first. */
  void rollback(int mark) {
    while (undo.size() > mark) undo.removeLast().run();
  }

  /** Keeps every change made so far; they can no longer be rolled back. */
  void commit() {
    undo.clear();
  }

  void assign(String queue, Slot slot) {
    var amount = dimensions.placed(slot.pod(), cluster.node(slot.node()).gpuModel());
    cluster.assign(slot.node(), slot.pod().shape(), slot.gpus());
    ledger.add(queue, amount, 1);
    undo.add(() -> {
      cluster.release(slot.node(), slot.pod().shape(), slot.gpus());
      ledger.add(queue, amount, -1);
    });
  }

  void release(String queue, Slot slot) {
    var amount = dimensions.placed(slot.pod(), cluster.node(slot.node()).gpuModel());
    cluster.release(slot.node(), slot.pod().shape(), slot.gpus());
    ledger.add(queue, amount, -1);
    undo.add(() -> {
      cluster.assign(slot.node(), slot.pod().shape(), slot.gpus());
      ledger.add(queue, amount, 1);
    });
  }

  /** Registers how to undo a change the session made beside the cluster and the ledger. */
  void onRollback(Runnable action) {
    undo.add(action);
  }

  /** One pod on one node (by index) holding GPUs. */
  record Slot(PodRequest pod, int node, int[] gpus) {
  }
}
