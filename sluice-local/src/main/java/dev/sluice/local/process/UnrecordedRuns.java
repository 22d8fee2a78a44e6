package dev.sluice.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The runs under a launcher's runs root ({@code ROOT/<job>/<n>}) that are still going (no exit code, a live
 * job group whose leader was started for that job) but that the control plane never recorded: a crash came
 * between the launch and the record. And, looked for in {@code /proc} rather than in run directories, the live
 * processes of such runs that a run directory does not name (a wrapper killed before it wrote the job's group, a
 * run directory removed): those whose {@code SLUICE_RUN_DIR} lies under the runs root and is not recorded.
 */
final class UnrecordedRuns {
  private UnrecordedRuns() {
  }

  /** The job groups of such runs. */
  static List<Long> liveGroups(Path runsRoot, Set<String> recordedRunDirs, Signals signals) throws IOException {
    var groups = new ArrayList<Long>();
    for (var run : runs(runsRoot)) {
      if (recordedRunDirs.contains(run.path().toString())) continue;
      try {
        var group = run.jobGroup();
        if (run.exitCode().isEmpty() && group.isPresent() && signals.groupExists(group.getAsLong())
            && startedFor(group.getAsLong(), run.path().getParent().getFileName().toString())) {
          groups.add(group.getAsLong());
        }
      } catch (IllegalStateException unreadable) {
        // a run directory written by hand or cut short: not one of ours to kill
      }
    }
    return groups;
  }

  /**
   * The process groups of live processes whose {@code SLUICE_RUN_DIR} is under {@code runsRoot} and not recorded,
   * but for a run's wrapper: it ends by itself, recording the code, once its job's group is killed.
   */
  static List<Long> strayGroups(Path runsRoot, Set<String> recordedRunDirs) throws IOException {
    var groups = new TreeSet<Long>();
    String prefix = JobEnvironment.RUN_DIR + "=" + runsRoot + "/";
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (var proc : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
        long pid = Long.parseLong(proc.getFileName().toString());
        var runDir = environment(pid).stream().filter(v -> v.startsWith(prefix)).findFirst()
            .map(v -> v.substring(v.indexOf('=') + 1));
        if (runDir.isEmpty() || recordedRunDirs.contains(runDir.get()) || ProcStat.isZombie(pid)) continue;
        long group = ProcStat.processGroup(pid);
        if (group > 0 && group != wrapperOf(runDir.get())) groups.add(group);
      }
    }
    return List.copyOf(groups);
  }

  private static long wrapperOf(String runDir) {
    try {
      return new RunDirectory(Path.of(runDir)).wrapperPid().orElse(-1);
    } catch (IllegalStateException unreadable) {
      return -1;
    }
  }

  /**
   * Whether the group's leader was started for that job (its environment has {@code SLUICE_JOB_ID=job}): a group
   * id is reused once its group is gone, and the process that has it now may be anyone's.
   */
  static boolean startedFor(long group, String job) {
    return environment(group).contains(JobEnvironment.JOB_ID + "=" + job);
  }

  /** The variables ({@code NAME=value}) of process {@code pid}; none when they cannot be read (gone, not ours). */
  private static List<String> environment(long pid) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      return List.of(new String(environ, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  private static List<RunDirectory> runs(Path runsRoot) throws IOException {
    if (!Files.isDirectory(runsRoot)) return List.of();
    var runs = new ArrayList<RunDirectory>();
    try (Stream<Path> jobs = Files.list(runsRoot)) {
      for (var job : jobs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> attempts = Files.list(job)) {
          attempts.filter(Files::isDirectory).map(RunDirectory::new).forEach(runs::add);
        }
      }
    }
    return runs;
  }
}
