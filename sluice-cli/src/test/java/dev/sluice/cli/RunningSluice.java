package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.up.LocalControlPlane;
import dev.sluice.cli.up.UpOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real control plane for a test: the server, the local process launcher and simulated GPUs, on a free
 * port of 127.0.0.1 with its data in a temporary directory; and the {@code sluice} command pointed at it.
 */
final class RunningSluice implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final LocalControlPlane plane;
  final String token;

  private RunningSluice(LocalControlPlane plane, String token) {
    this.plane = plane;
    this.token = token;
  }

  static RunningSluice start(Path dataDir, String simulatedGpus) throws Exception {
    var plane = LocalControlPlane.start(new UpOptions(dataDir, 0, simulatedGpus, null), Optional.empty());
    return new RunningSluice(plane, Files.readString(plane.adminTokenFile()).strip());
  }

  String url() {
    return plane.url();
  }

  /** Runs {@code sluice ARGS --server URL --token TOKEN} in-process. */
  Run sluice(String... args) {
    var withServer = new ArrayList<String>();
    // Options go before a "--" that ends them (submit's command).
    var positionOfDashes = List.of(args).indexOf("--");
    var before = positionOfDashes < 0 ? List.of(args) : List.of(args).subList(0, positionOfDashes);
    withServer.addAll(before);
    if (!before.contains("--server")) withServer.addAll(List.of("--server", url()));
    if (!before.contains("--token")) withServer.addAll(List.of("--token", token));
    if (positionOfDashes >= 0) withServer.addAll(List.of(args).subList(positionOfDashes, args.length));
    return Run.of(withServer.toArray(String[]::new));
  }

  /** {@code sluice describe ID --json}, read. */
  JsonNode job(String id) throws IOException {
    var run = sluice("describe", id, "--json");
    if (run.exit() != 0) throw new IllegalStateException("describe " + id + " failed: " + run.err());
    return JSON.readTree(run.out());
  }

  /** {@code sluice list --json}, read. */
  JsonNode jobs() throws IOException {
    var run = sluice("list", "--json");
    if (run.exit() != 0) throw new IllegalStateException("list failed: " + run.err());
    return JSON.readTree(run.out());
  }

  /** Waits (at most {@code timeout}) until the job satisfies the condition; returns it. */
  JsonNode awaitJob(String id, Predicate<JsonNode> condition, Duration timeout) throws Exception {
    var deadline = Instant.now().plus(timeout);
    var job = job(id);
    while (!condition.test(job)) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("job " + id + " did not get there in " + timeout + ": " + job);
      Thread.sleep(100);
      job = job(id);
    }
    return job;
  }

  /**
   * Runs {@code sluice ARGS} until its output satisfies the condition (at most {@code timeout}): views such as
   * {@code nodes} follow the store by up to one scheduling cycle.
   */
  String awaitOutput(Predicate<String> condition, Duration timeout, String... args) throws InterruptedException {
    var deadline = Instant.now().plus(timeout);
    var out = sluice(args).out();
    while (!condition.test(out)) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("sluice " + String.join(" ", args) + " never got there: " + out);
      Thread.sleep(100);
      out = sluice(args).out();
    }
    return out;
  }

  @Override
  public void close() {
    plane.close();
  }

  /** One run of the command: its exit code and what it printed. */
  record Run(int exit, String out, String err) {
    static Run of(String... args) {
      var out = new StringWriter();
      var err = new StringWriter();
      var commandLine = SluiceCommand.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int exit = commandLine.execute(args);
      return new Run(exit, out.toString(), err.toString());
    }

    /** The id in "submitted j-000001 (...)". */
    String submittedId() {
      var matcher = java.util.regex.Pattern.compile("submitted (\\S+) ").matcher(out);
      if (!matcher.find()) throw new AssertionError("no job id in: " + out + err);
      return matcher.group(1);
    }
  }
}
