package dev.sluice.server.http;

import dev.sluice.server.control.ClusterView;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.Reason;
import dev.sluice.server.store.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of docs/api.md, as ordered maps. */
final class Views {
  private Views() {
  }

  /** What a job's environment values look like to those who may not see them. */
  static final String HIDDEN = "(hidden)";

  /** The job as {@code caller} may see it: its environment's values only for its owner and admins (they may be secrets). */
  static Map<String, Object> job(Job job, ClusterView view, User caller) {
    var r = job.request();
    var request = new LinkedHashMap<String, Object>();
    request.put("gpus", r.gpus());
    request.put("gpuMilli", r.gpuMilli());
    request.put("gpuMemoryMib", r.gpuMemoryMib());
    request.put("cpuMilli", r.cpuMilli());
    request.put("memoryMib", r.memoryMib());
    request.put("nicBandwidthMbps", r.nicBandwidthMbps());
    request.put("rdma", r.rdma());
    var out = new LinkedHashMap<String, Object>();
    out.put("id", job.id());
    out.put("name", job.name());
    out.put("queue", job.queue());
    out.put("user", job.user());
    out.put("command", job.command());
    out.put("env", caller.isAdmin() || caller.name().equals(job.user()) ? job.env() : hiddenValues(job.env()));
    out.put("workDir", job.workDir());
    out.put("request", request);
    out.put("priority", job.priority());
    out.put("preemptible", job.preemptible());
    out.put("walltimeSeconds", job.runtimes().walltimeSeconds() == 0 ? null : job.runtimes().walltimeSeconds());
    out.put("minRuntimeSeconds", job.runtimes().minRuntimeSeconds() == 0 ? null : job.runtimes().minRuntimeSeconds());
    out.put("state", job.state().name());
    out.put("reason", job.reason() == null ? null : reason(job.reason()));
    out.put("queuePosition", job.state() == JobState.PENDING ? view.queuePositions().get(job.seq()) : null);
    var placement = job.state() == JobState.PENDING ? null : job.placement();
    out.put("node", placement == null ? null : placement.node());
    out.put("gpuIndices", placement == null ? List.of() : placement.gpuIndices());
    out.put("simulatedGpus", placement != null && placement.simulatedGpus());
    out.put("submittedAt", text(job.submittedAt()));
    out.put("startedAt", text(job.startedAt()));
    out.put("finishedAt", text(job.finishedAt()));
    out.put("exitCode", job.exitCode());
    out.put("preemptions", job.preemptions());
    return out;
  }

  private static Map<String, String> hiddenValues(Map<String, String> env) {
    var out = new LinkedHashMap<String, String>();
    env.keySet().forEach(name -> out.put(name, HIDDEN));
    return out;
  }

  static Map<String, Object> reason(Reason reason) {
    var out = new LinkedHashMap<String, Object>();
    out.put("code", reason.code());
    out.put("message", reason.message());
    return out;
  }

  static Map<String, Object> user(User user) {
    var out = new LinkedHashMap<String, Object>();
    out.put("name", user.name());
    out.put("role", user.role().wireName());
    out.put("queues", user.queues());
    out.put("unixUser", user.unixUser());
    return out;
  }

  static Map<String, Object> quota(QueueQuota quota) {
    var out = new LinkedHashMap<String, Object>();
    out.put("deserved", quota.deserved());
    out.put("limit", quota.limit());
    out.put("overQuotaWeight", quota.overQuotaWeight());
    out.put("lendingLimit", quota.lendingLimit());
    return out;
  }

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
