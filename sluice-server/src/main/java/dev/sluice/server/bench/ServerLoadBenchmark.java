package dev.sluice.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Load on a control plane in a JVM of its own ({@link BenchServer}: embedded database, eight simulated GPUs, a launcher
 * that starts nothing), over loopback with keep-alive clients, as on a busy server: every job asks for one GPU, so
 * eight run and the rest wait in a deep queue. First {@code STORED} jobs are submitted through the API (the path that is
 * measured next; the line says how fast), then {@code CLIENTS} clients submit for {@code SECONDS}, then the job list is
 * read with filters (rows per request) and paged through to its end (a row per page), then {@code /api/v1/usage};
 * last, the server's resident memory.
 * Prints a table. Arguments (all optional): {@code CLIENTS SECONDS STORED SCHEDULER}, default
 * {@code 16 10 100000 fair-share}.
 */
public final class ServerLoadBenchmark {
  /** The server's JVM options: those {@code ./sluice up} runs with by default (see the {@code ./sluice} script). */
  static final List<String> SERVER_JVM = List.of("-XX:+UseParallelGC", "-Xmx512m");
  /** An environment variable whose options (split on spaces) the server's JVM gets too, e.g. to profile it. */
  static final String EXTRA_SERVER_JVM = "SLUICE_BENCH_SERVER_OPTS";
  private static final String BODY = "{\"command\": [\"sleep\", \"60\"], \"gpus\": 1, \"cpuMilli\": 1, \"memoryMib\": 1}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ServerProcess server;
  private final PrintWriter out;

  private ServerLoadBenchmark(ServerProcess server, PrintWriter out) {
    this.server = server;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int stored = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    var scheduler = args.length > 3 ? args[3] : ServerConfig.FAIR_SHARE;
    run(clients, Duration.ofSeconds(seconds), stored, scheduler, new PrintWriter(System.out, true));
  }

  private static List<String> serverJvm() {
    var extra = System.getenv().getOrDefault(EXTRA_SERVER_JVM, "").strip();
    if (extra.isEmpty()) return SERVER_JVM;
    var options = new java.util.ArrayList<>(SERVER_JVM);
    options.addAll(List.of(extra.split("\\s+")));
    return options;
  }

  /** Runs every scenario and prints the table to {@code out}. */
  public static void run(int clients, Duration duration, int stored, String scheduler, PrintWriter out) throws Exception {
    var dir = Files.createTempDirectory("sluice-bench-api");
    try (var server = ServerProcess.start(dir, scheduler, serverJvm())) {
      out.printf("scheduler: %s; server: a JVM of its own (%s), %d simulated GPUs, a launcher that starts nothing; "
          + "every job asks for 1 GPU, so %d run and the rest wait%n", scheduler, String.join(" ", SERVER_JVM),
          BenchServer.GPUS, BenchServer.GPUS);
      var bench = new ServerLoadBenchmark(server, out);
      out.printf("%-52s %8s %10s %8s %8s %8s %7s%n", "scenario", "requests", "per second", "p50 ms", "p99 ms",
          "max ms", "errors");
      bench.submissions("seed: " + stored + " jobs through the API, " + clients + " clients", clients, Duration.ofDays(1),
          stored);
      bench.submissions("warm-up, " + clients + " clients, 2 s", clients, Duration.ofSeconds(2), Long.MAX_VALUE);
      bench.submissions("durable submissions, " + clients + " clients", clients, duration, Long.MAX_VALUE);
      bench.reads(stored);
      var resident = server.resident();
      out.printf("server resident memory: %d MiB now, %d MiB at its peak (VmRSS, VmHWM)%n", resident.nowMib(),
          resident.peakMib());
    }
  }

  /** {@code clients} submit until {@code duration} has passed or {@code limit} were sent; prints a row. */
  private void submissions(String label, int clients, Duration duration, long limit) throws Exception {
    var histogram = new Histogram(60_000_000_000L, 3);
    var errors = new AtomicInteger();
    var sent = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          while (System.nanoTime() < end && sent.getAndIncrement() < limit) {
            long t0 = System.nanoTime();
            int status = send(post("/api/v1/jobs", BODY)).statusCode();
            long took = System.nanoTime() - t0;
            synchronized (histogram) {
              histogram.recordValue(took);
            }
            if (status != 201) errors.incrementAndGet();
          }
          return null;
        });
      }
    }
    print(label, histogram.getTotalCount(), System.nanoTime() - started, histogram, errors.get());
  }

  private void reads(int stored) throws Exception {
    for (var query : List.of("?limit=100", "?limit=1000", "?state=PENDING&limit=100", "?queue=default&limit=100",
        "?after=" + String.format("j-%06d", stored / 2) + "&limit=100")) {
      repeat("list " + query, "/api/v1/jobs" + query, 200);
    }
    long total = pageThroughEveryJob();
    repeat("usage (" + total + " stored)", "/api/v1/usage", 50);
  }

  private void repeat(String label, String path, int times) {
    for (int i = 0; i < Math.min(20, times); i++) send(get(path));
    var histogram = new Histogram(60_000_000_000L, 3);
    int errors = 0;
    long started = System.nanoTime();
    for (int i = 0; i < times; i++) {
      long t0 = System.nanoTime();
      if (send(get(path)).statusCode() != 200) errors++;
      histogram.recordValue(System.nanoTime() - t0);
    }
    print(label, times, System.nanoTime() - started, histogram, errors);
  }

  /** Follows {@code next} from the newest job to the oldest, 1,000 a page; returns how many jobs there were. */
  private long pageThroughEveryJob() throws IOException {
    var histogram = new Histogram(60_000_000_000L, 3);
    int errors = 0;
    long jobs = 0;
    String next = "";
    long started = System.nanoTime();
    while (next != null) {
      long t0 = System.nanoTime();
      var response = send(get("/api/v1/jobs?limit=1000" + (next.isEmpty() ? "" : "&after=" + next)));
      histogram.recordValue(System.nanoTime() - t0);
      if (response.statusCode() != 200) {
        errors++;
        break;
      }
      var page = JSON.readTree(response.body());
      jobs += page.get("items").size();
      next = page.get("next").isNull() ? null : page.get("next").asText();
    }
    print("page through all " + jobs + " jobs, ?limit=1000", histogram.getTotalCount(), System.nanoTime() - started,
        histogram, errors);
    return jobs;
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + server.token())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + server.token())
        .GET().build();
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("the server stopped answering: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void print(String label, long requests, long nanos, Histogram histogram, int errors) {
    out.printf("%-52s %8d %10.0f %8.1f %8.1f %8.1f %7d%n", label, requests, requests / (nanos / 1e9),
        histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
        errors);
  }
}
