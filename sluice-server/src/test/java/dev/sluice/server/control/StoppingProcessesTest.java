package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.FakeLauncher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoppingProcessesTest {
  @Test
  void aStartThatFindsNoRoomWithNothingStoppingDoesNotClaimToWaitForStoppedJobs() {
    var stopping = new StoppingProcesses(new FakeLauncher(), Duration.ofSeconds(30));

    var reason = stopping.startWaits();

    assertThat(reason.code()).isEqualTo("waiting");
    assertThat(reason.message()).doesNotContain("stopped jobs").contains("the next cycle decides again");
  }
}
