package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.fairness.FairShare;
import dev.sluice.core.fairness.FairShareInput;
import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.server.control.ClusterView;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.control.QueueSpecs;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.QueueStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/queues}: list with load and fair share; create (admin). */
final class QueueRoutes {
  private static final Set<String> FIELDS = Set.of("name", "parent", "priority", "quotas", "maxRunningJobs", "nonPreemptibleAboveDeserved");
  private static final long MAX_RUNNING_JOBS = 1_000_000;
  /** Bounds on the quotas stored with a queue (a JSON column of 20,000 characters). */
  private static final int MAX_QUOTAS = 64;
  private static final int MAX_RESOURCE_NAME = 64;
  private static final Set<String> QUOTA_FIELDS = Set.of("deserved", "limit", "overQuotaWeight", "lendingLimit");
  private final QueueStore queues;
  private final ControlPlane controlPlane;
  private final Json json;

  QueueRoutes(QueueStore queues, ControlPlane controlPlane, Json json) {
    this.queues = queues;
    this.controlPlane = controlPlane;
    this.json = json;
  }

  void list(Context ctx) {
    var caller = Authenticator.caller(ctx);
    var all = queues.list();
    var shares = fairShares(all);
    var view = controlPlane.view();
    var out = new ArrayList<Map<String, Object>>();
    for (var queue : all) {
      if (caller.sees(queue.name())) out.add(item(queue, shares, view));
    }
    json.write(ctx, 200, out);
  }

  private static Map<String, Object> item(QueueRecord queue, FairShares shares, ClusterView view) {
    var load = view.queue(queue.name());
    var quotas = new LinkedHashMap<String, Object>();
    queue.quotas().forEach((dimension, quota) -> quotas.put(dimension, Views.quota(quota)));
    long deservedGpu = queue.quotas().containsKey("gpu") ? queue.quotas().get("gpu").deserved() : 0;
    var item = new LinkedHashMap<String, Object>();
    item.put("name", queue.name());
    item.put("parent", queue.parent());
    item.put("priority", queue.priority());
    item.put("quotas", quotas);
    item.put("maxRunningJobs", queue.maxRunningJobs());
    item.put("nonPreemptibleAboveDeserved", queue.nonPreemptibleAboveDeserved());
    item.put("allocated", Map.of("gpu", load.gpuMilli(), "cpu", load.cpuMilli(), "memory", load.memoryMib()));
    item.put("fairShare", Map.of("gpu", shares.of(queue.name(), Dimension.GPU)));
    item.put("borrowed", Map.of("gpu", Math.max(0, load.gpuMilli() - deservedGpu)));
    item.put("running", load.running());
    item.put("pending", load.pending());
    return item;
  }

  /**
   * The fair shares of the last scheduling cycle; without any (the {@code priority} scheduler, or before the
   * first cycle), GPU fair shares of the host's GPUs among the queues from what their jobs run and ask for.
   */
  private FairShares fairShares(List<QueueRecord> all) {
    return controlPlane.fairShares().orElseGet(() -> gpuFairShares(all));
  }

  private FairShares gpuFairShares(List<QueueRecord> all) {
    try {
      var tree = QueueTree.of(all.stream().map(QueueRoutes::spec).toList());
      var view = controlPlane.view();
      var demand = new HashMap<String, Map<Dimension, Long>>();
      for (var queue : all) {
        var load = view.queue(queue.name());
        if (tree.isLeaf(queue.name())) demand.put(queue.name(), Map.of(Dimension.GPU, load.gpuMilli() + load.pendingGpuMilli()));
      }
      long capacity = 1000L * controlPlane.host().node().gpuCount();
      return FairShare.compute(new FairShareInput(tree, Map.of(Dimension.GPU, capacity), demand, Map.of(), 0));
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException("stored queues are invalid: " + e.getMessage(), e);
    }
  }

  void create(Context ctx) {
    AdminOnly.check(ctx);
    JsonNode body = json.read(ctx);
    var fields = new Fields(body, FIELDS);
    var name = Fields.name("name", fields.string("name", null));
    if (queues.find(name).isPresent()) throw new ApiException(ApiError.CONFLICT, "queue '" + name + "' exists");
    var parent = fields.string("parent", null);
    if (parent != null && queues.find(parent).isEmpty()) {
      throw new ApiException(ApiError.UNKNOWN_QUEUE, "queue '" + parent + "' does not exist", "parent");
    }
    Integer maxRunningJobs = fields.has("maxRunningJobs") ? (int) fields.integer("maxRunningJobs", 0, 0, MAX_RUNNING_JOBS) : null;
    var queue = new QueueRecord(name, parent, (int) fields.integer("priority", 0, -1000, 1000), quotas(fields.node("quotas")),
        maxRunningJobs, fields.bool("nonPreemptibleAboveDeserved", true));
    var specs = new ArrayList<QueueSpec>(queues.list().stream().map(QueueRoutes::spec).toList());
    specs.add(spec(queue));
    try {
      QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw ApiException.invalid("quotas", String.join("; ", e.problems()));
    }
    if (!queues.create(queue)) throw new ApiException(ApiError.CONFLICT, "queue '" + name + "' exists");
    controlPlane.wake();
    ctx.header("Location", "/api/v1/queues/" + name);
    json.write(ctx, 201, item(queue, fairShares(queues.list()), controlPlane.view()));
  }

  private static Map<String, QueueQuota> quotas(JsonNode node) {
    if (node == null) return Map.of();
    if (!node.isObject()) throw ApiException.invalid("quotas", "must be an object of resource → terms");
    if (node.size() > MAX_QUOTAS) throw ApiException.invalid("quotas", "at most " + MAX_QUOTAS + " resources, was " + node.size());
    var quotas = new LinkedHashMap<String, QueueQuota>();
    for (var entry : node.properties()) {
      var field = "quotas." + entry.getKey();
      Fields.label(field, entry.getKey(), MAX_RESOURCE_NAME);
      try {
        new Dimension(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(field, e.getMessage());
      }
      if (!entry.getValue().isObject()) {
        throw ApiException.invalid(field, "must be an object, e.g. {\"deserved\": 2000, \"limit\": 4000}");
      }
      var terms = new Fields(entry.getValue(), QUOTA_FIELDS);
      long deserved = terms.integer("deserved", 0, 0, Long.MAX_VALUE / 2);
      Long limit = terms.has("limit") ? terms.integer("limit", 0, 0, Long.MAX_VALUE / 2) : null;
      Double weight = terms.number("overQuotaWeight");
      Long lending = terms.has("lendingLimit") ? terms.integer("lendingLimit", 0, 0, Long.MAX_VALUE / 2) : null;
      if (weight != null && !(weight >= 0 && weight < 1e9)) throw ApiException.invalid(field + ".overQuotaWeight", "must be >= 0");
      quotas.put(entry.getKey(), new QueueQuota(deserved, limit, weight == null ? 1 : weight, lending));
    }
    return quotas;
  }

  static QueueSpec spec(QueueRecord queue) {
    return QueueSpecs.spec(queue);
  }
}
