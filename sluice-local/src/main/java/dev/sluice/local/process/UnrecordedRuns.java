package dev.sluice.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runs under a launcher's runs root ({@code ROOT/<job>/<n>}) that are still going (no exit code, a live
 * job group whose leader was started for that job) but that the control plane never recorded: a crash came
 * between the launch and the record.
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
   * Whether the group's leader was started for that job (its environment has {@code SLUICE_JOB_ID=job}): a group
   * id is reused once its group is gone, and the process that has it now may be anyone's.
   */
  static boolean startedFor(long group, String job) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(group), "environ"));
      String wanted = JobEnvironment.JOB_ID + "=" + job;
      for (String variable : new String(environ, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
        if (variable.equals(wanted)) return true;
      }
      return false;
    } catch (IOException | SecurityException e) {
      return false;
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
