package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small {@code /bin/sh} program every job runs under, so that its exit code is known even when the control
 * plane that started it has gone (an adopted process is no child of ours, so nobody else could read it).
 *
 * <p>Process layout: {@code setsid} makes the wrapper the leader of a session of its own (a terminal's Ctrl-C or
 * hang-up does not reach it); the wrapper starts the job with {@code setsid} again, so the job and everything it
 * starts form one process group whose id is the job's pid. The wrapper writes that id to {@code job-pgid}, then
 * prints it on its standard output, a pipe the launcher reads before {@code launch} returns, and from then on
 * writes nothing there: so once a launch has returned, the job runs and its group is known. The wrapper waits for
 * the job and writes its status ({@code $?}: 128 + n when killed by signal n) to {@code exit-code} through a
 * rename, so a reader sees the whole number or nothing. The launcher signals the job's group, never the wrapper,
 * so a SIGKILL leaves the wrapper alive to record 137; a SIGTERM sent to the wrapper by someone else is passed on
 * to the job's group (or to the job alone in the instant before it has its own group).
 */
final class JobWrapper {
  static final String SHELL = "/bin/sh";
  static final String NAME = "sluice-job";
  static final String SCRIPT = """
      run_dir=$1; setsid_program=$2; out=$3; err=$4; shift 4
      forward() { kill -s TERM -- "-$child" 2>/dev/null || kill -s TERM "$child" 2>/dev/null; }
      on_term() { [ -z "$child" ] || forward; }
      trap on_term TERM
      "$setsid_program" "$@" </dev/null >>"$out" 2>>"$err" &
      child=$!
      echo "$child" > "$run_dir/job-pgid.tmp" && mv -f "$run_dir/job-pgid.tmp" "$run_dir/job-pgid"
      echo "$child"
      exec >/dev/null
      while :; do
        wait "$child"; code=$?
        kill -0 "$child" 2>/dev/null || break
      done
      echo "$code" > "$run_dir/exit-code.tmp" && mv -f "$run_dir/exit-code.tmp" "$run_dir/exit-code"
      """;

  private JobWrapper() {
  }

  /** The command line that runs {@code jobCommand} under the wrapper, its output appended to the two files. */
  static List<String> command(Path setsid, RunDirectory run, Path stdout, Path stderr, List<String> jobCommand) {
    List<String> command = new ArrayList<>(List.of(setsid.toString(), SHELL, "-c", SCRIPT, NAME,
        run.path().toString(), setsid.toString(), stdout.toAbsolutePath().toString(), stderr.toAbsolutePath().toString()));
    command.addAll(jobCommand);
    return command;
  }
}
