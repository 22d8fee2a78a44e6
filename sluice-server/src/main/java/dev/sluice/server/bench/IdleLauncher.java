package dev.sluice.server.bench;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** For benchmarks of the control plane alone: "launches" nothing, and every job runs until terminated. */
final class IdleLauncher implements Launcher {
  private final AtomicLong pids = new AtomicLong(1);

  @Override
  public LaunchAttempt prepare(String jobId) {
    return new LaunchAttempt(jobId, 1, "/idle/" + jobId);
  }

  @Override
  public ProcessRef launch(LaunchRequest request, LaunchAttempt attempt) {
    return new ProcessRef(request.jobId(), pids.getAndIncrement(), 0, attempt.runDir());
  }

  @Override
  public ProcessStatus status(ProcessRef process) {
    return new ProcessStatus.Running();
  }

  @Override
  public void terminate(ProcessRef process, Duration grace) {
  }
}
