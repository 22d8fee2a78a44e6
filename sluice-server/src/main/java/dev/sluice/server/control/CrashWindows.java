package dev.sluice.server.control;

import java.util.Arrays;
import java.util.Objects;

/**
 * The moments of the control loop at which a crash leaves something half done, named so that a test can make the
 * server stop dead at one of them ({@link Runtime#halt}: no shutdown hook runs, no file is closed, as with
 * {@code kill -9}) and check what a restart makes of it. Off in normal use ({@link #none()}); {@code sluice up}
 * turns it on only when started with the system property {@code sluice.test.halt-at=WINDOW[:JOB[:ATTEMPT]]}
 * ({@code docs/server.md}, "Crash windows").
 */
public record CrashWindows(CrashWindows.Window window, String jobId, int attempt) {
  /** A moment at which a crash leaves a launch or a stop half done. */
  public enum Window {
    /** The launch's attempt (number, run directory) is recorded and the job RUNNING; its process not started. */
    LAUNCH_RECORDED("launch-recorded"),
    /** The process has started; the store does not know its pid yet. */
    LAUNCH_STARTED("launch-started"),
    /** A cancellation or eviction is in the store; the job's process has not been told to stop. */
    STOP_RECORDED("stop-recorded");

    private final String label;

    Window(String label) {
      this.label = label;
    }

    static Window of(String label) {
      return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("no crash window '" + label + "'; known: launch-recorded, launch-started, stop-recorded"));
    }
  }

  private static final CrashWindows NONE = new CrashWindows(null, null, 0);

  /**
   * @param window  where to halt; null: nowhere
   * @param jobId   at which job only; null: the first to get there
   * @param attempt at which launch of it only (1 for its first); 0: any
   */
  public CrashWindows {
    if (attempt < 0) throw new IllegalArgumentException("halt-at: the attempt must be >= 0, was " + attempt);
  }

  /** Never halts. */
  public static CrashWindows none() {
    return NONE;
  }

  /**
   * Halts in the window {@code WINDOW[:JOB[:ATTEMPT]]} names: at the first job to reach it, or only at that job, or
   * only at that launch of it (1 for its first).
   */
  public static CrashWindows haltAt(String spec) {
    var parts = Objects.requireNonNull(spec, "spec").split(":", -1);
    if (parts.length > 3) throw new IllegalArgumentException("halt-at must be WINDOW[:JOB[:ATTEMPT]], was " + spec);
    try {
      int attempt = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
      return new CrashWindows(Window.of(parts[0]), parts.length > 1 ? parts[1] : null, attempt);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("halt-at: the attempt must be a number, was " + parts[2]);
    }
  }

  /** Stops the JVM dead if this is the window, job and attempt to halt at. */
  void reached(Window reached, String job, int launch) {
    if (reached != window || (jobId != null && !jobId.equals(job)) || (attempt != 0 && attempt != launch)) return;
    System.err.println("sluice: halting in crash window " + reached.label + " at job " + job + " attempt " + launch);
    System.err.flush();
    Runtime.getRuntime().halt(137);
  }
}
