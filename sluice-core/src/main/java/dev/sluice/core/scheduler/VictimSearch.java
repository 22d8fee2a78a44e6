package dev.sluice.core.scheduler;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.scheduler.Session.Running;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Making room for one workload by evicting others, shared by reclaim and preempt. For a workload short of room,
 * only candidates on nodes where it would find room for a pod were every candidate there gone, or under a queue of
 * its path that it would take beyond deserved quota, are looked at (none: it stops there). Then an exact search:
 * sets of the {@link #EXACT_CANDIDATES} cheapest candidates in {@link VictimSets}' order (fewest GPUs lost,
 * then lowest priority, then least run time lost), each tried whole (evict, place, check the rules, else
 * roll back) until one works or {@link #MAX_TRIALS} sets were tried; sets that cannot free enough in total, or
 * (for a workload short of room) leave no node they free with room for one of its pods, are passed over without
 * a try. When the exact search did not see every set, a greedy pass follows: victims go one by one, node by node
 * (nodes in the order of their cheapest candidate), until the workload places and the rules hold, and victims on
 * nodes the workload did not use are put back.
 * What fails says why in {@link NotMade#why()}.
 */
final class VictimSearch {
  /** At most this many victims are tried for one workload by the greedy pass. */
  static final int MAX_VICTIMS = 256;
  /** The exact search looks at every set of this many candidates, the cheapest. */
  static final int EXACT_CANDIDATES = 8;
  /** At most this many sets are looked at, and at most {@link #MAX_TRIALS} of them tried, by the exact search. */
  static final int MAX_SETS = 1 << EXACT_CANDIDATES;
  static final int MAX_TRIALS = 8;
  private static final String NO_ROOM = "leave no room it fits";

  private VictimSearch() {
  }

  /** What an action asks of a set of victims, each answer empty when it agrees or else naming the rule broken. */
  interface Rules {
    /** Asked before each eviction, on the state so far: may this victim go now? */
    Optional<String> refuse(Running victim);

    /**
     * Asked once the workload is placed, and after putting back a victim that was not needed: may this stay?
     * {@code evicted} are the victims of this try (some may be back).
     */
    Optional<String> reject(List<Running> evicted);
  }

  sealed interface Outcome {
  }

  record Made(List<Slot> slots) implements Outcome {
  }

  /**
   * No set of the {@code candidates} worked: how many sets were looked at and, by the rule each broke, how many
   * broke it.
   */
  record NotMade(int candidates, int setsLookedAt, Map<String, Integer> broken) implements Outcome {
    NotMade {
      broken = Map.copyOf(broken);
    }

    /** This failure and {@code count} candidates more, each passed over for breaking {@code rule}. */
    NotMade and(String rule, int count) {
      var more = new TreeMap<>(broken);
      more.merge(rule, count, Integer::sum);
      return new NotMade(candidates + count, setsLookedAt, more);
    }

    /** E.g. "3 victim sets looked at: 2 free too little, 1 leave no room it fits". */
    String why() {
      var counts = new ArrayList<String>();
      new TreeMap<>(broken).forEach((rule, count) -> counts.add(count + " " + rule));
      return setsLookedAt + " victim sets looked at: " + (counts.isEmpty() ? "none to try" : String.join(", ", counts));
    }
  }

  /** A candidate with its GPUs counted once, not at every comparison. */
  private record Priced(Running running, long gpuMilli, long runtime) {
    static Priced of(Running running, long now) {
      return new Priced(running, VictimSearch.gpuMilli(running), VictimSearch.runtime(running, now));
    }
  }

  /** Candidates in the order sets are built from: fewest GPUs, lowest priority, least run time, then victim order. */
  private static final Comparator<Priced> PRICED = Comparator.comparingLong(Priced::gpuMilli)
      .thenComparingInt(p -> p.running().workload().priority().value())
      .thenComparingLong(Priced::runtime)
      .thenComparing(Priced::running, Session.VICTIM_ORDER);

  /** The {@code count} cheapest of the candidates, in the order sets are built from (see {@link #cheapest}). */
  static List<Running> cheapest(Session session, List<Running> candidates, int count) {
    var first = new Smallest<>(Math.max(1, count), PRICED);
    for (var r : candidates) first.offer(Priced.of(r, session.now()));
    return first.sorted().stream().map(Priced::running).toList();
  }

  /**
   * @param candidates in the order sets are built from (see {@link #cheapest})
   * @param admission  how the workload is admitted once room is made
   */
  static Outcome makeRoom(Session session, Workload workload, List<Running> candidates, Admission admission, Rules rules,
                          EvictionCause cause) {
    boolean lacksRoom = Allocate.lacksRoom(session.reasons.get(workload.id()));
    var relief = lacksRoom ? relief(session, workload) : Set.<String>of();
    if (lacksRoom) {
      int all = candidates.size();
      candidates = onNodesWithRoom(session, workload, candidates, relief);
      if (candidates.isEmpty()) {
        // A claim admitted by deserved quota may place where allocate's admission by fair share did not let it.
        if (admission == Admission.DESERVED && trySet(session, workload, List.of(), admission, rules, cause).isEmpty()) {
          return made(session, workload);
        }
        return new NotMade(all, 1, Map.of(NO_ROOM + " (all of them)", 1));
      }
    }
    var tally = new TreeMap<String, Integer>();
    int exact = Math.min(candidates.size(), EXACT_CANDIDATES);
    var sets = new VictimSets<>(candidates.subList(0, exact), costs(session, candidates.subList(0, exact)));
    var need = need(session, workload);
    var free = session.free();
    int looked = 0;
    int trials = 0;
    while (sets.hasNext() && looked < MAX_SETS && trials < MAX_TRIALS) {
      var set = sets.next();
      // Allocate tried no victims by fair share; a claim is admitted by deserved quota, which allocate's pass within
      // deserved quota may not have reached (its queue's turn ends at the first workload quota refuses).
      if (set.isEmpty() && admission != Admission.DESERVED) continue;
      looked++;
      if (!frees(session, set, free, need)) {
        tally.merge("free too little", 1, Integer::sum);
        continue;
      }
      if (lacksRoom && !roomOnTheirNodes(session, workload, set) && !relieves(session, set, relief)) {
        tally.merge(NO_ROOM, 1, Integer::sum);
        continue;
      }
      trials++;
      var failure = trySet(session, workload, set, admission, rules, cause);
      if (failure.isEmpty()) return made(session, workload);
      tally.merge(failure.get(), 1, Integer::sum);
    }
    if (!sets.hasNext() && exact == candidates.size()) return new NotMade(candidates.size(), looked, tally);
    var greedy = greedy(session, workload, candidates, admission, rules, cause, lacksRoom, relief);
    looked++;
    if (greedy.isEmpty()) return made(session, workload);
    tally.merge(greedy.get(), 1, Integer::sum);
    return new NotMade(candidates.size(), looked, tally);
  }

  private static Made made(Session session, Workload workload) {
    return new Made(session.running.get(workload.id()).slots());
  }

  /** Evicts the set (in order), places the workload; commits and returns empty, or rolls back and says why not. */
  private static Optional<String> trySet(Session session, Workload workload, List<Running> set, Admission admission,
                                         Rules rules, EvictionCause cause) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    for (var victim : set) {
      var current = session.running.get(victim.workload().id());
      var refusal = current == null ? Optional.of("have a victim already gone") : rules.refuse(current);
      if (refusal.isPresent()) {
        statement.rollback(mark);
        return refusal;
      }
      session.evict(current, cause);
    }
    var attempt = GangPlacement.place(session, workload, admission);
    if (!(attempt instanceof GangPlacement.Placed placed)) {
      statement.rollback(mark);
      var reason = ((GangPlacement.Failed) attempt).reason();
      return Optional.of(Allocate.lacksRoom(reason) ? NO_ROOM : "leave it " + reason.code());
    }
    var rejected = rules.reject(set);
    if (rejected.isPresent()) {
      statement.rollback(mark);
      return rejected;
    }
    session.start(workload, placed.slots());
    statement.commit();
    return Optional.empty();
  }

  /**
   * Victims one by one in order (each if the rules still let it go), a try to place after each that leaves, on a
   * node it had pods on, room for a pod of the workload (after each, if the workload is not short of room); then
   * victims on nodes the workload did not use are put back. Empty when that holds by the rules, else why not.
   */
  private static Optional<String> greedy(Session session, Workload workload, List<Running> candidates, Admission admission,
                                         Rules rules, EvictionCause cause, boolean lacksRoom, Set<String> relief) {
    var statement = session.statement;
    int mark = statement.checkpoint();
    var gone = new ArrayList<Running>();
    String why = NO_ROOM;
    for (var victim : reliefFirst(session, nodeByNode(candidates.subList(0, Math.min(candidates.size(), MAX_VICTIMS))), relief)) {
      var current = session.running.get(victim.workload().id());
      if (current == null || rules.refuse(current).isPresent()) continue;
      session.evict(current, cause);
      gone.add(current);
      if (lacksRoom && !roomWhereItWas(session, workload, current) && !relieves(session, List.of(current), relief)) continue;
      int trial = statement.checkpoint();
      if (!(GangPlacement.place(session, workload, admission) instanceof GangPlacement.Placed placed)) continue;
      putBackUnneeded(session, gone, placed.slots(), rules);
      var rejected = rules.reject(gone);
      if (rejected.isPresent()) {
        why = rejected.get();
        statement.rollback(trial);
        continue;
      }
      session.start(workload, placed.slots());
      statement.commit();
      return Optional.empty();
    }
    statement.rollback(mark);
    return Optional.of(why + " (evicting one by one)");
  }

  /**
   * The candidates with a pod on a node where, were every candidate there gone, a pod of the workload's minimum
   * would fit, and those under a queue of {@code relief}: evicting the others can neither make room for it nor
   * bring one of its queues back within its quota.
   */
  private static List<Running> onNodesWithRoom(Session session, Workload workload, List<Running> candidates, Set<String> relief) {
    var states = new HashMap<Integer, NodeState>();
    for (var victim : candidates) {
      for (var slot : victim.slots()) {
        var state = states.getOrDefault(slot.node(), session.cluster.state(slot.node()));
        states.put(slot.node(), state.without(slot.pod().shape(), slot.gpus()));
      }
    }
    var withRoom = new HashSet<Integer>();
    states.forEach((node, state) -> {
      for (int i = 0; i < workload.minMembers(); i++) if (state.fit(workload.pods().get(i).shape()) == Fit.FITS) withRoom.add(node);
    });
    return candidates.stream().filter(r -> r.slots().stream().anyMatch(slot -> withRoom.contains(slot.node()))
        || relieves(session, List.of(r), relief)).toList();
  }

  /**
   * The queues of the workload's path that its minimum would take beyond deserved quota. While one is beyond it,
   * admission by deserved quota refuses the workload every node, so that it looks short of room where it is short
   * of quota: a victim under such a queue may make the room it needs by bringing that queue back within its quota.
   */
  private static Set<String> relief(Session session, Workload workload) {
    var minus = need(session, workload);
    for (int i = 0; i < minus.length; i++) minus[i] = -minus[i];
    var relief = new HashSet<String>();
    for (var queue : session.ledger.path(workload.queue())) if (session.ledger.beyondPromiseWithout(queue, minus)) relief.add(queue);
    return relief;
  }

  /** Whether some victim of the set is under a queue of {@code relief}. */
  private static boolean relieves(Session session, List<Running> set, Set<String> relief) {
    if (relief.isEmpty()) return false;
    for (var victim : set) {
      for (var queue : session.ledger.path(victim.workload().queue())) if (relief.contains(queue)) return true;
    }
    return false;
  }

  /**
   * The candidates node by node (nodes in the order of their cheapest candidate, each node's candidates in their
   * order), so that the greedy pass empties one node before it touches the next and puts little back.
   */
  private static List<Running> nodeByNode(List<Running> candidates) {
    var byNode = new LinkedHashMap<Integer, List<Running>>();
    for (var r : candidates) byNode.computeIfAbsent(r.slots().getFirst().node(), n -> new ArrayList<>()).add(r);
    var ordered = new ArrayList<Running>(candidates.size());
    byNode.values().forEach(ordered::addAll);
    return ordered;
  }

  /**
   * The candidates under a queue of {@code relief} first, each part in its order: while such a queue is beyond its
   * deserved quota nothing else can let the workload place, so the greedy pass brings it back within first.
   */
  private static List<Running> reliefFirst(Session session, List<Running> candidates, Set<String> relief) {
    if (relief.isEmpty()) return candidates;
    var ordered = new ArrayList<Running>(candidates.size());
    var rest = new ArrayList<Running>();
    for (var r : candidates) (relieves(session, List.of(r), relief) ? ordered : rest).add(r);
    ordered.addAll(rest);
    return ordered;
  }

  /** Whether a pod of the workload's minimum fits, as things are now, on a node the victim had pods on. */
  private static boolean roomWhereItWas(Session session, Workload workload, Running victim) {
    for (var slot : victim.slots()) {
      var state = session.cluster.state(slot.node());
      for (int i = 0; i < workload.minMembers(); i++) if (state.fit(workload.pods().get(i).shape()) == Fit.FITS) return true;
    }
    return false;
  }

  private static void putBackUnneeded(Session session, List<Running> gone, List<Slot> placed, Rules rules) {
    var used = new HashSet<Integer>();
    placed.forEach(slot -> used.add(slot.node()));
    for (int i = gone.size() - 1; i >= 0; i--) {
      var victim = gone.get(i);
      if (victim.slots().stream().anyMatch(slot -> used.contains(slot.node()))) continue;
      int mark = session.statement.checkpoint();
      session.restore(victim);
      if (rules.reject(gone).isPresent()) session.statement.rollback(mark);
    }
  }

  /** Whether what is free now and what the set frees cover, in total, what the workload's minimum asks. */
  private static boolean frees(Session session, List<Running> set, long[] free, long[] need) {
    var total = free.clone();
    for (var victim : set) {
      for (var slot : victim.slots()) Dimensions.addTo(total, session.dimensions.placed(slot.pod(), session.nodeModel(slot.node())), 1);
    }
    for (int i = 0; i <= Dimensions.GPU; i++) if (total[i] < need[i]) return false;
    return true;
  }

  /** Whether some pod of the workload's minimum fits a node the set has pods on, once they are gone. */
  private static boolean roomOnTheirNodes(Session session, Workload workload, List<Running> set) {
    var states = new HashMap<Integer, NodeState>();
    for (var victim : set) {
      for (var slot : victim.slots()) {
        var state = states.getOrDefault(slot.node(), session.cluster.state(slot.node()));
        states.put(slot.node(), state.without(slot.pod().shape(), slot.gpus()));
      }
    }
    for (var state : states.values()) {
      for (int i = 0; i < workload.minMembers(); i++) if (state.fit(workload.pods().get(i).shape()) == Fit.FITS) return true;
    }
    return false;
  }

  private static long[] need(Session session, Workload workload) {
    var need = new long[session.dimensions.size()];
    for (int i = 0; i < workload.minMembers(); i++) Dimensions.addTo(need, session.dimensions.requested(workload.pods().get(i)), 1);
    return need;
  }

  private static Function<Running, VictimSets.Cost> costs(Session session, List<Running> candidates) {
    int lowest = candidates.stream().mapToInt(r -> r.workload().priority().value()).min().orElse(0);
    return r -> new VictimSets.Cost(gpuMilli(r), (long) r.workload().priority().value() - lowest, runtime(r, session.now()));
  }

  static long gpuMilli(Running running) {
    long total = 0;
    for (var slot : running.slots()) total += slot.pod().totalGpuMilli();
    return total;
  }

  private static long runtime(Running running, long now) {
    return Math.max(0, now - running.startTime());
  }
}
