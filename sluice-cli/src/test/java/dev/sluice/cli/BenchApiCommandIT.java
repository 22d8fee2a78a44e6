package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchApiCommandIT {
  private final CapturedCli cli = new CapturedCli();

  @Test
  void printsSeedSubmissionListingPagingUsageAndMemoryRowsWithoutErrors() {
    int exit = cli.sluice("bench", "api", "--clients", "2", "--seconds", "1", "--stored", "50");

    assertThat(exit).as(cli.err.toString()).isZero();
    var table = cli.out.toString();
    var submitted = java.util.regex.Pattern.compile("(?m)^durable submissions, 2 clients +(\\d+) ").matcher(table);
    assertThat(submitted.find()).as(table).isTrue();
    long total = 50 + Long.parseLong(submitted.group(1)) + warmUp(table);
    assertThat(table).contains("scheduler: fair-share", "a JVM of its own", "per second", "p99 ms")
        .containsPattern("(?m)^seed: 50 jobs through the API, 2 clients +50 .* 0$")
        .containsPattern("(?m)^durable submissions, 2 clients +[1-9]\\d* +\\d+ .* 0$")
        .containsPattern("(?m)^list \\?limit=100 +200 .* 0$")
        .containsPattern("(?m)^page through all " + total + " jobs, \\?limit=1000 +" + (total + 999) / 1000 + " .* 0$")
        .containsPattern("(?m)^usage \\(" + total + " stored\\) +50 .* 0$")
        .containsPattern("(?m)^server resident memory: [1-9]\\d* MiB now, [1-9]\\d* MiB at its peak");
  }

  private static long warmUp(String table) {
    var matcher = java.util.regex.Pattern.compile("(?m)^warm-up, 2 clients, 2 s +(\\d+) ").matcher(table);
    assertThat(matcher.find()).as(table).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void anUnknownSchedulerIsOneLineAndExitTwo() {
    int exit = cli.sluice("bench", "api", "--scheduler", "nope");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err.toString().lines()).containsExactly(
        "sluice: --scheduler: unknown scheduler 'nope'; known: fair-share, priority");
  }
}
