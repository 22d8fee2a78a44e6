package dev.sluice.core.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues as a validated tree of any depth (department → project → …). Children of one parent are kept in
 * name order, so every walk of the tree is deterministic.
 */
public final class QueueTree {
  private final Map<String, QueueSpec> byName;
  private final Map<String, List<String>> children;
  private final List<String> roots;

  private QueueTree(Map<String, QueueSpec> byName, Map<String, List<String>> children, List<String> roots) {
    this.byName = byName;
    this.children = children;
    this.roots = roots;
  }

  /**
   * Builds the tree, or reports every problem: a blank or duplicate name, an unknown parent, a cycle, an
   * invalid quota value, a negative cap on running workloads, or children whose deserved quota adds up to more
   * than their parent's (or to more than a {@code long} holds).
   */
  public static QueueTree of(List<QueueSpec> specs) throws QueueDefinitionException {
    var problems = new ArrayList<String>();
    var byName = new LinkedHashMap<String, QueueSpec>();
    for (var spec : specs) {
      if (spec.name().isBlank()) problems.add("queue '" + spec.name() + "': name must not be blank");
      else if (byName.putIfAbsent(spec.name(), spec) != null) problems.add("queue '" + spec.name() + "': defined twice");
      for (var entry : spec.quotas().entrySet()) {
        for (var problem : entry.getValue().problems()) {
          problems.add("queue '" + spec.name() + "': quotas." + entry.getKey() + "." + problem);
        }
      }
      if (spec.maxRunningWorkloads() < 0) {
        problems.add("queue '" + spec.name() + "': maxRunningWorkloads must be >= 0, was " + spec.maxRunningWorkloads());
      }
    }
    for (var spec : byName.values()) {
      if (spec.parent() != null && !byName.containsKey(spec.parent())) {
        problems.add("queue '" + spec.name() + "': parent '" + spec.parent() + "' is not defined");
      }
    }
    if (problems.isEmpty()) problems.addAll(cycles(byName));
    if (!problems.isEmpty()) throw new QueueDefinitionException(problems);
    var tree = link(byName);
    problems.addAll(tree.overcommittedParents());
    if (!problems.isEmpty()) throw new QueueDefinitionException(problems);
    return tree;
  }

  private static List<String> cycles(Map<String, QueueSpec> byName) {
    var problems = new ArrayList<String>();
    var reported = new HashSet<String>();
    for (var start : byName.keySet()) {
      var path = new ArrayList<String>();
      var seen = new HashSet<String>();
      for (String at = start; at != null; at = byName.get(at).parent()) {
        if (!seen.add(at)) {
          var cycle = path.subList(path.indexOf(at), path.size());
          if (cycle.stream().noneMatch(reported::contains)) {
            reported.addAll(cycle);
            problems.add("queue '" + at + "': parent chain forms a cycle " + String.join(" → ", cycle) + " → " + at);
          }
          break;
        }
        path.add(at);
      }
    }
    return problems;
  }

  private static QueueTree link(Map<String, QueueSpec> byName) {
    var children = new HashMap<String, List<String>>();
    var roots = new ArrayList<String>();
    for (var spec : byName.values()) {
      if (spec.parent() == null) roots.add(spec.name());
      else children.computeIfAbsent(spec.parent(), p -> new ArrayList<>()).add(spec.name());
    }
    roots.sort(Comparator.naturalOrder());
    children.values().forEach(list -> list.sort(Comparator.naturalOrder()));
    return new QueueTree(Map.copyOf(byName), children, List.copyOf(roots));
  }

  private List<String> overcommittedParents() {
    var problems = new ArrayList<String>();
    for (var parent : byName.values()) {
      var kids = children(parent.name());
      if (kids.isEmpty()) continue;
      var dimensions = new HashSet<Dimension>(parent.quotas().keySet());
      kids.forEach(k -> dimensions.addAll(byName.get(k).quotas().keySet()));
      dimensions.stream().sorted(Comparator.comparing(Dimension::name)).forEach(dimension -> {
        long own = parent.quota(dimension).deserved();
        long sum;
        try {
          sum = kids.stream().mapToLong(k -> byName.get(k).quota(dimension).deserved()).reduce(0, Math::addExact);
        } catch (ArithmeticException overflow) {
          problems.add("queue '" + parent.name() + "': quotas." + dimension + ".deserved of its children together ("
              + String.join(", ", kids) + ") overflows a 64-bit count");
          return;
        }
        if (sum > own) {
          problems.add("queue '" + parent.name() + "': quotas." + dimension + ".deserved (" + own
              + ") is less than its children's deserved together (" + sum + ": " + String.join(", ", kids) + ")");
        }
      });
    }
    return problems;
  }

  public Optional<QueueSpec> queue(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every queue, by name. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /** Top-level queues, by name. */
  public List<String> roots() {
    return roots;
  }

  /** The children of a queue, by name; empty for a leaf. */
  public List<String> children(String name) {
    return List.copyOf(children.getOrDefault(name, List.of()));
  }

  public boolean isLeaf(String name) {
    return !children.containsKey(name);
  }

  /** The queue and its ancestors, from the queue up to its root. */
  public List<String> pathToRoot(String name) {
    var path = new ArrayList<String>();
    for (String at = name; at != null; at = byName.get(at).parent()) path.add(at);
    return path;
  }

  public int size() {
    return byName.size();
  }
}
