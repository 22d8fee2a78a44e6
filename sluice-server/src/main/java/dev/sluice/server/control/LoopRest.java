package dev.sluice.server.control;

/**
 * How long the control loop rests after a cycle that decided: as long as that cycle took, so that deciding takes
 * at most half of the loop's time however deep the queue. Measured on {@link System#nanoTime}.
 */
final class LoopRest {
  private volatile long until = System.nanoTime();

  /** A cycle that decided has just ended, having taken {@code tookNanos}. */
  void after(long tookNanos) {
    until = System.nanoTime() + tookNanos;
  }

  /** How much of the rest is left; 0 once it is over. */
  long remainingNanos() {
    return Math.max(0, until - System.nanoTime());
  }
}
