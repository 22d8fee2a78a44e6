package dev.sluice.sim.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the schedulers of a replay know of how long pods run: all of them the same, as users would declare it
 * to any of them. Users declare a walltime (Slurm's time limit) and rarely know the runtime: studies of
 * production logs (Mu'alem and Feitelson, IEEE TPDS 2001; Tsafrir, Etsion and Feitelson, IEEE TPDS 2007) find
 * the accuracy runtime / walltime spread roughly uniformly, with walltimes rounded up to round values.
 */
public enum Walltimes {
  /** Each pod's walltime is its runtime / a, a drawn uniformly from [0.1, 1], rounded up to a whole minute. */
  DECLARED,
  /** Each pod's walltime is its runtime: an oracle no user has. */
  EXACT,
  /** No walltimes: schedulers plan with nothing. */
  NONE;

  /** The lowest accuracy drawn under {@link #DECLARED}: nobody asks for more than ten times what the pod needs. */
  static final double LOWEST_ACCURACY = 0.1;
  static final long MINUTE = 60;

  /** The workload with every pod's walltime set this way; draws (for {@link #DECLARED}) come from {@code seed}. */
  public ReplayWorkload applyTo(ReplayWorkload workload, long seed) {
    var random = new SplittableRandom(seed).split();
    var pods = new ArrayList<ReplayPod>(workload.pods().size());
    for (var pod : workload.pods()) pods.add(pod.withWalltime(walltime(pod.runtime(), random)));
    return new ReplayWorkload(workload.nodes(), List.copyOf(pods), workload.queues(), workload.skipped());
  }

  private long walltime(long runtime, SplittableRandom random) {
    return switch (this) {
      case DECLARED -> {
        double accuracy = random.nextDouble(LOWEST_ACCURACY, Math.nextUp(1.0));
        long declared = (long) Math.ceil(runtime / accuracy);
        yield Math.max(runtime, (declared + MINUTE - 1) / MINUTE * MINUTE);
      }
      case EXACT -> runtime;
      case NONE -> 0;
    };
  }

  /** The name options use: declared, exact, none. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
