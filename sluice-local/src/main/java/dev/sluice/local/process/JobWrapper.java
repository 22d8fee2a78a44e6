package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small {@code /bin/sh} program every job runs under, so that its exit code is known even when the control
 * plane that started it has gone (an adopted process is no child of ours, so nobody else could read it).
 *
 * <p>The wrapper first writes its own pid to {@code wrapper-pid}: a run directory without it is one in which
 * nothing has started, so a control plane that stopped between reserving the run and launching it can start the
 * job again without running it twice.
 *
 * <p>Process layout: {@code setsid} makes the wrapper the leader of a session of its own (a terminal's Ctrl-C or
 * hang-up does not reach it); the wrapper starts the job with {@code setsid} again, so the job and everything it
 * starts form one process group whose id is the job's pid. Once that group exists (the child calls {@code setsid}
 * a moment after the fork: until then the id names no group, and a wrapper killed in between would leave a job that
 * looks gone while it runs; the wait ends too if the child ends first), the wrapper writes that id to {@code job-pgid}, then
 * prints it on its standard output, a pipe the launcher reads before {@code launch} returns, and from then on
 * writes nothing there: so once a launch has returned, the job runs and its group is known. It ignores SIGPIPE
 * once the job is forked (the job keeps the default), so a control plane killed before it read that line does not
 * take the wrapper, and the exit code it would record, with it. The wrapper waits for
 * the job and, once it has ended, SIGKILLs whatever the job left running, then writes the job's status ({@code $?}:
 * 128 + n when killed by signal n) to {@code exit-code} through a rename, so a reader sees the whole number or nothing.
 * The wrapper runs as a child subreaper ({@link ChildSubreaper} execs it): a process of the job whose parent has ended
 * becomes the wrapper's child, whatever session, group or environment it made for itself, so once the job has ended
 * every process it left is a child of the wrapper or below one; the wrapper kills its children (read from
 * {@code /proc}, zombies aside) until none is left (each killed one hands its own children up), at most 1,000
 * rounds. The launcher signals the job's group, never the wrapper,
 * so a SIGKILL leaves the wrapper alive to record 137; a SIGTERM sent to the wrapper by someone else is passed on
 * to the job's group (or to the job alone in the instant before it has its own group). The wrapper traps SIGTERM
 * only after forking the job: a child forked with the trap in place keeps the shell's handler until it execs, and
 * a SIGTERM that arrives in that window is swallowed (seen under load as 137 after the grace, not 143).
 *
 * <p>The wrapper, and whatever starts the job inside it (the sandbox, the switch of account), run with the control
 * plane's environment and the launcher's variables only; the request's own variables are in {@code job-env}, open
 * on descriptor 3, and {@link #APPLY_REQUESTED} applies them in the job's last step, after every privilege is
 * dropped. It names every program it runs by absolute path ({@code setsid}, {@code mv}; the rest are shell
 * built-ins).
 */
final class JobWrapper {
  static final String SHELL = "/bin/sh";
  static final String NAME = "sluice-job";
  static final String SCRIPT = """
      run_dir=$1; setsid_program=$2; mv_program=$3; out=$4; err=$5; shift 5
      echo "$$" > "$run_dir/wrapper-pid.tmp" && "$mv_program" -f "$run_dir/wrapper-pid.tmp" "$run_dir/wrapper-pid"
      variables="$run_dir/job-env"; [ -e "$variables" ] || variables=/dev/null
      forward() { kill -s TERM -- "-$child" 2>/dev/null || kill -s TERM "$child" 2>/dev/null; }
      on_term() { [ -z "$child" ] || forward; }
      read_stat() { state=; read -r stat 2>/dev/null <"/proc/$1/stat" || return 1; set -- ${stat##*") "}; state=$1; parent=$2; }
      group_formed() { kill -s 0 -- "-$child" 2>/dev/null; }
      child_ended() { ! read_stat "$child" || [ "$state" = Z ]; }
      kill_children() {
        left=1
        for file in /proc/[0-9]*/stat; do
          pid=${file#/proc/}; pid=${pid%/stat}
          read_stat "$pid" && [ "$parent" = "$$" ] && [ "$state" != Z ] || continue
          kill -s KILL "$pid" 2>/dev/null; left=0
        done
        return $left
      }
      "$setsid_program" "$@" </dev/null >>"$out" 2>>"$err" 3<"$variables" &
      child=$!
      trap on_term TERM
      trap '' PIPE
      until group_formed || child_ended; do :; done
      echo "$child" > "$run_dir/job-pgid.tmp" && "$mv_program" -f "$run_dir/job-pgid.tmp" "$run_dir/job-pgid"
      echo "$child"
      exec >/dev/null
      while :; do
        wait "$child"; code=$?
        kill -0 "$child" 2>/dev/null || break
      done
      round=0
      while [ $round -lt 1000 ] && kill_children; do round=$((round + 1)); done
      echo "$code" > "$run_dir/exit-code.tmp" && "$mv_program" -f "$run_dir/exit-code.tmp" "$run_dir/exit-code"
      """;

  /** The job's last step: read the request's variables from descriptor 3, close it, run the job's command. */
  static final String APPLY_REQUESTED = "eval \"$(%s <&3)\"; exec 3<&-; exec \"$@\"";

  private JobWrapper() {
  }

  /** {@code command} run by a shell that first applies the request's variables ({@link #APPLY_REQUESTED}). */
  static List<String> withRequestedVariables(Path cat, List<String> command) {
    if (!cat.isAbsolute()) throw new IllegalArgumentException("cat must be an absolute path");
    var wrapped = new ArrayList<>(List.of(SHELL, "-c", APPLY_REQUESTED.formatted(cat), NAME + "-env"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** The command line that runs {@code jobCommand} under the wrapper, its output appended to the two files. */
  static List<String> command(Path setsid, Path mv, RunDirectory run, Path stdout, Path stderr, List<String> jobCommand) {
    if (!setsid.isAbsolute() || !mv.isAbsolute()) throw new IllegalArgumentException("setsid and mv must be absolute paths");
    List<String> command = new ArrayList<>(List.of(setsid.toString()));
    command.addAll(ChildSubreaper.command());
    command.addAll(List.of(SHELL, "-c", SCRIPT, NAME, run.path().toString(),
        setsid.toString(), mv.toString(), stdout.toAbsolutePath().toString(), stderr.toAbsolutePath().toString()));
    command.addAll(jobCommand);
    return command;
  }
}
