package dev.sluice.server.http;

import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.UserStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The HTTP edge: routes of docs/api.md, authentication, problem responses, metrics, the dashboard's files. */
public final class ApiServer {
  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
  private static final String API = "/api/v1";
  private static final String PROBLEM_WRITTEN = "sluice.problem";

  /** A registered route; the OpenAPI document must describe each one. */
  public record Route(HandlerType method, String path, Handler handler) {
  }

  private final List<Route> routes = new ArrayList<>();
  private final Authenticator authenticator;
  private final ServerMetrics metrics;
  private final Json json = new Json();
  private final TokenConcurrency concurrency = new TokenConcurrency(TokenConcurrency.DEFAULT_LIMIT);
  private final String openApi;
  private Javalin app;

  public ApiServer(JobStore jobs, QueueStore queues, UserStore users, ControlPlane controlPlane, ServerMetrics metrics,
                   InstantSource clock, String defaultWorkDir, Supplier<Optional<String>> databaseProblem) {
    this.authenticator = new Authenticator(users);
    this.metrics = metrics;
    this.openApi = resource("/openapi.json");
    var jobRoutes = new JobRoutes(jobs, controlPlane, new Submissions(queues, controlPlane, clock, defaultWorkDir), json);
    var queueRoutes = new QueueRoutes(queues, controlPlane, json);
    var userRoutes = new UserRoutes(users, queues, json);
    var tokenRoutes = new TokenRoutes(users, clock, json);
    var clusterRoutes = new ClusterRoutes(controlPlane, jobs, clock, json);
    add(HandlerType.POST, API + "/jobs", jobRoutes::submit);
    add(HandlerType.GET, API + "/jobs", jobRoutes::list);
    add(HandlerType.GET, API + "/jobs/{id}", jobRoutes::get);
    add(HandlerType.POST, API + "/jobs/{id}/cancel", jobRoutes::cancel);
    add(HandlerType.GET, API + "/jobs/{id}/logs", jobRoutes::logs);
    add(HandlerType.GET, API + "/queues", queueRoutes::list);
    add(HandlerType.POST, API + "/queues", queueRoutes::create);
    add(HandlerType.GET, API + "/users", userRoutes::list);
    add(HandlerType.POST, API + "/users", userRoutes::create);
    add(HandlerType.GET, API + "/users/{name}/tokens", tokenRoutes::list);
    add(HandlerType.POST, API + "/users/{name}/tokens", tokenRoutes::create);
    add(HandlerType.DELETE, API + "/users/{name}/tokens/{id}", tokenRoutes::revoke);
    add(HandlerType.GET, API + "/whoami", userRoutes::whoami);
    add(HandlerType.GET, API + "/nodes", clusterRoutes::nodes);
    add(HandlerType.GET, API + "/usage", clusterRoutes::usage);
    add(HandlerType.GET, API + "/utilization", clusterRoutes::utilization);
    // every queue's figures are in it, so only an admin's token reads it (give Prometheus an admin token)
    add(HandlerType.GET, "/metrics", ctx -> {
      AdminOnly.check(ctx);
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    });
    add(HandlerType.GET, "/healthz", ctx -> health(ctx, databaseProblem.get()));
    add(HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  /** {@code /healthz}: 200 when the database answers, else 503 saying why (a load balancer stops sending work). */
  private void health(Context ctx, Optional<String> databaseProblem) {
    if (databaseProblem.isEmpty()) {
      json.write(ctx, 200, java.util.Map.of("status", "ok", "database", "ok"));
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "health check: the database is unavailable: " + databaseProblem.get());
    problem(ctx, ApiError.UNAVAILABLE, "the database is unavailable: " + databaseProblem.get(), null);
  }

  private void add(HandlerType method, String path, Handler handler) {
    routes.add(new Route(method, path, ctx -> limited(ctx, handler)));
  }

  /** Runs {@code handler} if the request's token has a place left (see {@link TokenConcurrency}). */
  private void limited(Context ctx, Handler handler) throws Exception {
    var token = Authenticator.tokenHash(ctx);
    if (token.isEmpty()) {
      handler.handle(ctx);
      return;
    }
    var permit = concurrency.tryEnter(token.get()).orElseThrow(() -> {
      ctx.header("Retry-After", "1");
      return new ApiException(ApiError.TOO_MANY_REQUESTS, "more than " + concurrency.limit()
          + " requests at once with this token; wait for some to finish");
    });
    try (permit) {
      handler.handle(ctx);
    }
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Starts serving on {@code host}:{@code port} (0 picks a free port); returns the port. */
  public int start(String host, int port) {
    app = Javalin.create(this::configure).start(host, port);
    return app.port();
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = 1_000_000L;
    SlowClients.limit(config.jetty);
    if (ApiServer.class.getResource("/dashboard") != null) {
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/dashboard";
        files.location = Location.CLASSPATH;
      });
    }
    if (ApiServer.class.getResource("/META-INF/resources/webjars") != null) {
      config.staticFiles.enableWebjars(); // the dashboard's charts: /webjars/echarts/VERSION/dist/echarts.min.js
    }
    config.routes.before(API + "/*", authenticator::authenticate);
    config.routes.before("/metrics", authenticator::authenticate);
    for (var route : routes) config.routes.addHttpHandler(route.method(), route.path(), route.handler());
    config.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e.error(), e.getMessage(), e.field()));
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.log(System.Logger.Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
      problem(ctx, ApiError.INTERNAL, "the server failed; see its log", null);
    });
    config.routes.error(404, ctx -> {
      if (ctx.attribute(PROBLEM_WRITTEN) == null) {
        problem(ctx, ApiError.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path(), null);
      }
    });
    config.requestLogger.http((ctx, millis) -> {
      var endpoint = ctx.endpoints().lastHttpEndpoint();
      var route = endpoint == null ? "unmatched" : endpoint.path;
      metrics.request(ctx.method().name(), route, ctx.status().getCode(), Duration.ofNanos((long) (millis * 1_000_000)));
    });
  }

  private void problem(Context ctx, ApiError error, String detail, String field) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", error.type());
    body.put("title", error.title());
    body.put("status", error.status());
    body.put("detail", detail);
    if (field != null) body.put("field", field);
    ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
    json.write(ctx, error.status(), body, "application/problem+json");
  }

  public void stop() {
    if (app != null) app.stop();
  }

  private static String resource(String name) {
    try (var in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
