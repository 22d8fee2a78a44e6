package dev.sluice.core.scheduler;

import dev.sluice.core.scheduler.Session.Running;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Making room for one workload by evicting others, shared by reclaim and preempt: victims go one by one, in
 * order, until the workload places; victims on nodes the workload did not use are then put back; the whole
 * is committed only if {@code acceptable} still holds, else rolled back.
 */
final class Evictions {
  /** At most this many victims are tried for one workload. */
  static final int MAX_VICTIMS = 256;

  private Evictions() {
  }

  /**
   * @param eligible   asked before each eviction, on the state so far: may this victim go now?
   * @param restorable asked after putting back a victim that was not needed: may it stay?
   * @param acceptable asked once the workload is placed: may the cycle keep this?
   * @return whether the workload was placed (and the statement committed)
   */
  static boolean makeRoom(Session session, Workload workload, List<Running> victims, Predicate<Running> eligible,
                          BooleanSupplier restorable, BooleanSupplier acceptable, EvictionCause cause) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var gone = new ArrayList<Running>();
    int tried = 0;
    for (var victim : victims) {
      if (tried++ == MAX_VICTIMS) break;
      var current = session.running.get(victim.workload().id());
      if (current == null || !eligible.test(current)) continue;
      session.evict(current, cause);
      gone.add(current);
      if (GangPlacement.place(session, workload) instanceof GangPlacement.Placed placed) {
        putBackUnneeded(session, gone, placed.slots(), restorable);
        if (!acceptable.getAsBoolean()) break;
        session.start(workload, placed.slots());
        statement.commit();
        return true;
      }
    }
    statement.rollback(mark);
    return false;
  }

  private static void putBackUnneeded(Session session, List<Running> gone, List<Slot> placed, BooleanSupplier restorable) {
    var used = new HashSet<Integer>();
    placed.forEach(slot -> used.add(slot.node()));
    for (int i = gone.size() - 1; i >= 0; i--) {
      var victim = gone.get(i);
      if (victim.slots().stream().anyMatch(slot -> used.contains(slot.node()))) continue;
      int mark = session.statement.checkpoint();
      session.restore(victim);
      if (!restorable.getAsBoolean()) session.statement.rollback(mark);
    }
  }
}
