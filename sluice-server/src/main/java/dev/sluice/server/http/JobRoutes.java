package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobIds;
import dev.sluice.server.store.JobQuery;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Role;
import dev.sluice.server.store.User;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;

/** {@code /api/v1/jobs}: submit, list, get, cancel, logs. */
final class JobRoutes {
  private static final int MAX_LOG_CHUNK = 1 << 20;
  private final JobStore jobs;
  private final ControlPlane controlPlane;
  private final Submissions submissions;
  private final Json json;

  JobRoutes(JobStore jobs, ControlPlane controlPlane, Submissions submissions, Json json) {
    this.jobs = jobs;
    this.controlPlane = controlPlane;
    this.submissions = submissions;
    this.json = json;
  }

  void submit(Context ctx) {
    JsonNode body = json.read(ctx);
    var job = jobs.submit(submissions.parse(body, Authenticator.caller(ctx)));
    controlPlane.wake();
    ctx.header("Location", "/api/v1/jobs/" + job.id());
    json.write(ctx, 201, Views.job(job, controlPlane.view(), Authenticator.caller(ctx)));
  }

  void list(Context ctx) {
    var caller = Authenticator.caller(ctx);
    var queue = ctx.queryParam("queue");
    var state = state(ctx.queryParam("state"));
    int limit = (int) Query.integer(ctx, "limit", 100, 1, 1000);
    var after = ctx.queryParam("after");
    long before = 0;
    if (after != null && !after.isEmpty()) {
      before = JobIds.parse(after).orElseThrow(() -> ApiException.invalid("after", "not a job id: '" + after + "'"));
    }
    var visible = caller.isAdmin() ? null : new HashSet<>(caller.queues());
    var page = jobs.list(new JobQuery(visible, queue, state, before, limit + 1));
    var view = controlPlane.view();
    var items = page.stream().limit(limit).map(job -> Views.job(job, view, caller)).toList();
    var out = new LinkedHashMap<String, Object>();
    out.put("items", items);
    out.put("next", page.size() > limit ? page.get(limit - 1).id() : null);
    json.write(ctx, 200, out);
  }

  void get(Context ctx) {
    json.write(ctx, 200, Views.job(visibleJob(ctx), controlPlane.view(), Authenticator.caller(ctx)));
  }

  void cancel(Context ctx) {
    var caller = Authenticator.caller(ctx);
    var job = visibleJob(ctx);
    if (caller.role() == Role.VIEWER) throw new ApiException(ApiError.FORBIDDEN, "viewers may not cancel jobs");
    var cancelled = controlPlane.cancel(job, caller.name()).orElseThrow(() -> new ApiException(ApiError.CONFLICT,
        "job " + job.id() + " has already finished (" + jobs.find(job.seq()).orElseThrow().state() + ")"));
    json.write(ctx, 200, Views.job(cancelled, controlPlane.view(), caller));
  }

  void logs(Context ctx) throws IOException {
    var job = visibleJob(ctx);
    var stream = ctx.queryParam("stream") == null ? "stdout" : ctx.queryParam("stream");
    if (!stream.equals("stdout") && !stream.equals("stderr")) throw ApiException.invalid("stream", "must be stdout or stderr");
    long offset = Query.integer(ctx, "offset", 0, 0, Long.MAX_VALUE);
    var file = controlPlane.jobDir(job.id()).resolve(stream + ".log");
    byte[] chunk = new byte[0];
    if (Files.exists(file)) {
      try (var in = new RandomAccessFile(file.toFile(), "r")) {
        long available = Math.max(0, in.length() - offset);
        chunk = new byte[(int) Math.min(available, MAX_LOG_CHUNK)];
        in.seek(Math.min(offset, in.length()));
        in.readFully(chunk);
      }
    }
    ctx.status(200).header("X-Log-Offset", Long.toString(offset + chunk.length)).contentType("text/plain; charset=utf-8")
        .result(chunk);
  }

  private Job visibleJob(Context ctx) {
    User caller = Authenticator.caller(ctx);
    var id = ctx.pathParam("id");
    var seq = JobIds.parse(id);
    var job = seq.isPresent() ? jobs.find(seq.getAsLong()) : java.util.Optional.<Job>empty();
    return job.filter(j -> caller.sees(j.queue())).orElseThrow(() -> ApiException.notFound("job '" + id + "'"));
  }

  private static JobState state(String text) {
    if (text == null || text.isEmpty()) return null;
    try {
      return JobState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("state", "must be one of PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, PREEMPTED");
    }
  }
}
