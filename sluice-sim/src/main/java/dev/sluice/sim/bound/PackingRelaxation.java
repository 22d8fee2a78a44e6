package dev.sluice.sim.bound;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * A linear relaxation of packing GPU pods onto nodes to maximise allocated GPU milli. Pods are grouped by
 * shape (CPU, GPUs, milli per GPU, allowed models) and nodes by type (CPU, GPUs, model); x(shape, type) is
 * how many pods of the shape go to nodes of the type, for the pairs where one pod fits an empty node. Every
 * integral placement satisfies each constraint below, so the LP's optimum is at least any placement's:
 * <ul>
 *   <li>a shape places at most the pods it has;</li>
 *   <li>per type: CPU and GPU milli of what is placed fit the type's nodes together;</li>
 *   <li>per type and GPU, Johnson's dual-feasible function for each ε = 1001 − m, m a sharing size above
 *       500: sizes above 1000 − ε count as a whole GPU, sizes below ε as nothing, others as themselves; what
 *       one GPU holds counts at most 1000 (an item above 1000 − ε leaves room only for items below ε);</li>
 *   <li>per type and GPU, Fekete and Schepers' dual-feasible functions u^(k), k = 2…4, likewise;</li>
 *   <li>per type: at most one pod per node that asks more than half the node's GPUs as whole GPUs, and at
 *       most one that asks more than half its CPU.</li>
 * </ul>
 * Memory is left out (a relaxation too: fewer constraints can only raise the optimum).
 */
final class PackingRelaxation {
  private static final int GPU = PodRequest.WHOLE_GPU;
  /** Orders k of the Fekete–Schepers cuts: k = 2 sees three-per-GPU sizes, k = 3 four, k = 4 five. */
  private static final int FEKETE_SCHEPERS_MAX_K = 4;

  private record Shape(long cpuMilli, int gpuCount, int milliPerGpu, Set<String> models) {
    long gpuMilli() {
      return (long) gpuCount * milliPerGpu;
    }

    boolean sharing() {
      return gpuCount == 1 && milliPerGpu < GPU;
    }
  }

  private record NodeType(long cpuMilli, int gpuCount, String model) {
    boolean hosts(Shape shape) {
      return shape.gpuCount() <= gpuCount && shape.cpuMilli() <= cpuMilli
          && (shape.models().isEmpty() || shape.models().contains(model));
    }
  }

  private record Column(int shape, int type) {}

  private final List<Shape> shapes;
  private final List<Long> shapeCounts;
  private final List<NodeType> types;
  private final List<Long> typeCounts;
  private final List<Column> columns = new ArrayList<>();

  PackingRelaxation(List<Node> nodes, List<PodRequest> pods) {
    var byShape = new LinkedHashMap<Shape, Long>();
    for (var pod : pods) {
      if (pod.gpuCount() == 0) continue; // a CPU-only pod adds no GPU milli and only takes room
      byShape.merge(new Shape(pod.cpuMilli(), pod.gpuCount(), pod.gpuMilliPerGpu(), pod.allowedGpuModels()), 1L, Long::sum);
    }
    var byType = new LinkedHashMap<NodeType, Long>();
    for (var node : nodes) {
      if (node.gpuCount() > 0) byType.merge(new NodeType(node.cpuMilli(), node.gpuCount(), node.gpuModel()), 1L, Long::sum);
    }
    shapes = List.copyOf(byShape.keySet());
    shapeCounts = List.copyOf(byShape.values());
    types = List.copyOf(byType.keySet());
    typeCounts = List.copyOf(byType.values());
    for (int s = 0; s < shapes.size(); s++) {
      for (int t = 0; t < types.size(); t++) if (types.get(t).hosts(shapes.get(s))) columns.add(new Column(s, t));
    }
  }

  /** The LP's optimum: GPU milli no placement of these pods on these nodes can exceed. */
  double maxAllocatedGpuMilli() {
    if (columns.isEmpty()) return 0;
    var objective = new LinearObjectiveFunction(coefficients(c -> (double) shapes.get(c.shape()).gpuMilli()), 0);
    var solution = new SimplexSolver().optimize(new MaxIter(1_000_000), objective,
        new LinearConstraintSet(constraints()), GoalType.MAXIMIZE, new NonNegativeConstraint(true));
    return solution.getValue();
  }

  private List<LinearConstraint> constraints() {
    var constraints = new ArrayList<LinearConstraint>();
    for (int s = 0; s < shapes.size(); s++) {
      int shape = s;
      add(constraints, c -> c.shape() == shape ? 1.0 : 0.0, shapeCounts.get(s));
    }
    for (int t = 0; t < types.size(); t++) {
      var type = types.get(t);
      long count = typeCounts.get(t);
      int typeIndex = t;
      add(constraints, c -> c.type() == typeIndex ? shapes.get(c.shape()).cpuMilli() : 0.0, count * type.cpuMilli());
      add(constraints, c -> c.type() == typeIndex ? shapes.get(c.shape()).gpuMilli() : 0.0,
          count * type.gpuCount() * (double) GPU);
      for (int epsilon : dffThresholds()) {
        add(constraints, c -> c.type() == typeIndex ? johnson(shapes.get(c.shape()), epsilon) : 0.0,
            count * type.gpuCount() * (double) GPU);
      }
      for (int k = 2; k <= FEKETE_SCHEPERS_MAX_K; k++) {
        int order = k;
        add(constraints, c -> c.type() == typeIndex ? feketeSchepers(shapes.get(c.shape()), order) : 0.0,
            count * type.gpuCount() * (double) GPU);
      }
      add(constraints, c -> c.type() == typeIndex && takesMostGpus(shapes.get(c.shape()), type) ? 1 : 0, count);
      add(constraints, c -> c.type() == typeIndex && 2 * shapes.get(c.shape()).cpuMilli() > type.cpuMilli() ? 1 : 0, count);
    }
    return constraints;
  }

  /** Whole GPUs, more than half the node's: no two such pods fit one node (sharing pods can share a GPU). */
  private static boolean takesMostGpus(Shape shape, NodeType type) {
    return !shape.sharing() && 2 * shape.gpuCount() > type.gpuCount();
  }

  /** ε = 1001 − m for every sharing size m above half a GPU, so that m counts as a whole GPU. */
  private Set<Integer> dffThresholds() {
    var thresholds = new TreeSet<Integer>();
    for (var shape : shapes) if (shape.sharing() && 2 * shape.milliPerGpu() > GPU) thresholds.add(GPU + 1 - shape.milliPerGpu());
    return thresholds;
  }

  /**
   * Fekete and Schepers' dual-feasible function u^(k) of each of the shape's GPUs, in milli: a size x of a
   * GPU counts x where (k + 1) · x is a whole GPU, else floor((k + 1) · x) / k of a GPU; e.g. for k = 2 a
   * 400-milli pod counts 500, so one GPU takes two of them, not two and a half.
   */
  private static double feketeSchepers(Shape shape, int k) {
    long scaled = (long) (k + 1) * shape.milliPerGpu();
    double counted = scaled % GPU == 0 ? shape.milliPerGpu() : (double) (scaled / GPU) * GPU / k;
    return shape.gpuCount() * counted;
  }

  /** Johnson's dual-feasible function u_ε of each of the shape's GPUs, summed over them, in milli. */
  private static double johnson(Shape shape, int epsilon) {
    int size = shape.milliPerGpu();
    int counted = size > GPU - epsilon ? GPU : size < epsilon ? 0 : size;
    return (double) shape.gpuCount() * counted;
  }

  private interface Coefficient {
    double of(Column column);
  }

  private double[] coefficients(Coefficient coefficient) {
    var values = new double[columns.size()];
    for (int i = 0; i < values.length; i++) values[i] = coefficient.of(columns.get(i));
    return values;
  }

  private void add(List<LinearConstraint> constraints, Coefficient coefficient, double limit) {
    var values = coefficients(coefficient);
    for (double v : values) {
      if (v != 0) {
        constraints.add(new LinearConstraint(values, Relationship.LEQ, limit));
        return;
      }
    }
  }
}
