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
 * job group) but that the control plane never recorded: a crash came between the launch and the record.
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
        if (run.exitCode().isEmpty() && group.isPresent() && signals.groupExists(group.getAsLong())) {
          groups.add(group.getAsLong());
        }
      } catch (IllegalStateException unreadable) {
        // a run directory written by hand or cut short: not one of ours to kill
      }
    }
    return groups;
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
