package dev.sluice.server.bench;

import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.store.Database;
import dev.sluice.server.store.JdbcJobStore;
import dev.sluice.server.store.JdbcQueueStore;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Load on the control plane over loopback, with the embedded database and a launcher that starts nothing:
 * (1) sustained durable submissions from concurrent clients; (2) listing jobs with 100,000 stored. Prints a
 * table. Arguments (all optional): {@code CLIENTS SECONDS STORED_JOBS SCHEDULER}, default
 * {@code 16 10 100000 fair-share}.
 */
public final class ServerLoadBenchmark {
  private static final String BODY = "{\"command\": [\"sleep\", \"60\"], \"cpuMilli\": 1, \"memoryMib\": 1}";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String scheduler;
  private final PrintWriter out;

  private ServerLoadBenchmark(String scheduler, PrintWriter out) {
    this.scheduler = scheduler;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int stored = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    var scheduler = args.length > 3 ? args[3] : ServerConfig.FAIR_SHARE;
    run(clients, Duration.ofSeconds(seconds), stored, scheduler, new PrintWriter(System.out, true));
  }

  /**
   * Runs both scenarios and prints the table to {@code out}: {@code clients} submitting for {@code duration},
   * then listing with {@code stored} jobs stored, under the named scheduler.
   */
  public static void run(int clients, Duration duration, int stored, String scheduler, PrintWriter out) throws Exception {
    var bench = new ServerLoadBenchmark(scheduler, out);
    out.println("scheduler: " + scheduler);
    out.printf("%-44s %8s %10s %8s %8s %8s %7s%n", "scenario", "requests", "per second", "p50 ms", "p99 ms",
        "max ms", "errors");
    bench.submissions(clients, duration);
    bench.listing(stored);
  }

  private void submissions(int clients, Duration duration) throws Exception {
    var dir = Files.createTempDirectory("sluice-bench-submit");
    var config = ServerConfig.defaults(dir).withPort(0).withHostResources(1_000_000, 10_000_000)
        .withScheduler(scheduler);
    try (var server = SluiceServer.start(config, new BenchGpus(8), new IdleLauncher())) {
      var token = Files.readString(server.adminTokenFile()).trim();
      run("warm-up, " + clients + " clients, 2 s", clients, Duration.ofSeconds(2), server.url(), token);
      run("durable submissions, " + clients + " clients", clients, duration, server.url(), token);
    }
  }

  private void run(String label, int clients, Duration duration, String url, String token) throws Exception {
    var histogram = new Histogram(60_000_000_000L, 3);
    var errors = new AtomicInteger();
    var count = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int status = send(post(url + "/api/v1/jobs", token, BODY));
            long took = System.nanoTime() - t0;
            synchronized (histogram) {
              histogram.recordValue(took);
            }
            count.incrementAndGet();
            if (status != 201) errors.incrementAndGet();
          }
          return null;
        });
      }
    }
    print(label, count.get(), System.nanoTime() - started, histogram, errors.get());
  }

  private void listing(int stored) throws Exception {
    var dir = Files.createTempDirectory("sluice-bench-list");
    fill(dir, stored);
    var config = ServerConfig.defaults(dir).withPort(0).withHostResources(64_000, 256_000).withScheduler(scheduler);
    try (var server = SluiceServer.start(config, new BenchGpus(1), new IdleLauncher())) {
      long waitedFor = System.nanoTime();
      while (server.controlPlane().view().queuePositions().isEmpty() && System.nanoTime() - waitedFor < 300e9) {
        Thread.sleep(100);
      }
      out.printf("(first cycle over %d pending jobs done after %.1f s; cycles keep running every 200 ms)%n", stored,
          (System.nanoTime() - waitedFor) / 1e9);
      var token = Files.readString(server.adminTokenFile()).trim();
      var base = server.url() + "/api/v1/jobs";
      var middle = String.format("j-%06d", stored / 2);
      for (var query : List.of("?limit=100", "?limit=1000", "?state=PENDING&limit=100", "?queue=default&limit=100",
          "?after=" + middle + "&limit=100")) {
        for (int i = 0; i < 20; i++) send(get(base + query, token));
        var histogram = new Histogram(60_000_000_000L, 3);
        long started = System.nanoTime();
        int errors = 0;
        for (int i = 0; i < 200; i++) {
          long t0 = System.nanoTime();
          if (send(get(base + query, token)) != 200) errors++;
          histogram.recordValue(System.nanoTime() - t0);
        }
        print("list " + query + " (" + stored + " stored)", 200, System.nanoTime() - started, histogram, errors);
      }
    }
  }

  /** Stores {@code count} pending one-GPU jobs straight through the store, eight writers at a time. */
  private static void fill(Path dir, int count) throws Exception {
    try (var db = Database.open(Database.h2Url(dir), null, null)) {
      var clock = InstantSource.system();
      new JdbcQueueStore(db, clock).create(new QueueRecord("default", null, 0, Map.of()));
      var jobs = new JdbcJobStore(db);
      var next = new AtomicInteger();
      try (var pool = Executors.newFixedThreadPool(8)) {
        for (int w = 0; w < 8; w++) {
          pool.submit(() -> {
            while (next.getAndIncrement() < count) {
              jobs.submit(new NewJob("bench", "default", "admin", List.of("sleep", "60"), Map.of(), "/tmp",
                  new JobResources(1, 1000, 0, 1000, 1024), 0, false, Instant.now()));
            }
            return null;
          });
        }
      }
    }
  }

  private static HttpRequest post(String url, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpRequest get(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
  }

  private int send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void print(String label, long requests, long nanos, Histogram histogram, int errors) {
    out.printf("%-44s %8d %10.0f %8.1f %8.1f %8.1f %7d%n", label, requests, requests / (nanos / 1e9),
        histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
        errors);
  }
}
