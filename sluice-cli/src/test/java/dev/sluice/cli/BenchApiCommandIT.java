package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchApiCommandIT {
  private final CapturedCli cli = new CapturedCli();

  @Test
  void printsSubmissionAndListingRowsWithoutErrors() {
    int exit = cli.sluice("bench", "api", "--clients", "2", "--seconds", "1", "--stored", "50");

    assertThat(exit).as(cli.err.toString()).isZero();
    var table = cli.out.toString();
    assertThat(table).contains("scheduler: fair-share", "per second", "p99 ms")
        .containsPattern("(?m)^durable submissions, 2 clients +[1-9]\\d* +\\d+ .* 0$")
        .containsPattern("(?m)^list \\?limit=100 \\(50 stored\\) +200 .* 0$");
  }

  @Test
  void anUnknownSchedulerIsOneLineAndExitTwo() {
    int exit = cli.sluice("bench", "api", "--scheduler", "nope");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err.toString().lines()).containsExactly(
        "sluice: --scheduler: unknown scheduler 'nope'; known: fair-share, priority");
  }
}
