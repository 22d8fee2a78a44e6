package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of a test's jobs as the kernel lists them in {@code /proc}, whatever the control plane believes:
 * each live (not zombie) process whose environment has {@code MARKER=value} (a variable the test gives every job
 * it submits, so other tests' jobs on the same machine are not counted), by its {@code SLUICE_JOB_ID}. A sampler
 * looks every 50 ms and keeps every look in which more than one job ran.
 */
final class JobProcesses implements AutoCloseable {
  static final String MARKER = "SLUICE_CRASH_TEST";
  private final String value;
  private final List<Map<String, Set<Long>>> crowded = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("job-process-sampler").factory());

  JobProcesses(String value) {
    this.value = value;
    sampler.scheduleWithFixedDelay(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  /** The live processes of each job that has any. */
  Map<String, Set<Long>> live() {
    var jobs = new TreeMap<String, Set<Long>>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
        var job = jobOf(p);
        if (job != null) jobs.computeIfAbsent(job, j -> new TreeSet<>()).add(Long.parseLong(p.getFileName().toString()));
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return jobs;
  }

  /** The looks in which processes of more than one job were alive at once (each job takes the host's one GPU). */
  List<Map<String, Set<Long>>> crowded() {
    return List.copyOf(crowded);
  }

  private String jobOf(Path proc) {
    try {
      if (isZombie(proc)) return null;
      var environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).split("\0");
      String job = null;
      boolean ours = false;
      for (var variable : environ) {
        if (variable.equals(MARKER + "=" + value)) ours = true;
        if (variable.startsWith("SLUICE_JOB_ID=")) job = variable.substring("SLUICE_JOB_ID=".length());
      }
      return ours ? job : null;
    } catch (IOException | SecurityException gone) {
      return null;
    }
  }

  private static boolean isZombie(Path proc) throws IOException {
    var stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
    int endOfName = stat.lastIndexOf(')');
    return endOfName > 0 && endOfName + 2 < stat.length() && stat.charAt(endOfName + 2) == 'Z';
  }

  private void sample() {
    var now = live();
    if (now.size() > 1) crowded.add(now);
  }

  /** Stops sampling and kills (SIGKILL) whatever of the test's jobs still runs. */
  @Override
  public void close() throws InterruptedException {
    sampler.shutdown();
    sampler.awaitTermination(10, TimeUnit.SECONDS);
    live().values().stream().flatMap(Set::stream).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }
}
