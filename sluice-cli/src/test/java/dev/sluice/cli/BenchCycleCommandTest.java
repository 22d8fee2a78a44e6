package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchCycleCommandTest {
  private final CapturedCli cli = new CapturedCli();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int sluice(String... args) {
    return cli.sluice(args);
  }

  @Test
  void printsTheFullCycleAndTheReclaimTables() {
    int exit = sluice("bench", "cycle", "--nodes", "40", "--pending", "300", "--queues", "20", "--warmups", "0",
        "--repeats", "2", "--reclaim-cycles", "10");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Full cycle: 40 nodes, 320 GPUs, 300 pending workloads in 20 queues, placement sluice (0 warm-up, 2 timed)")
        .contains("median ms", "pods bound/s")
        .contains("Reclaim: 40 nodes full of borrowed 8-GPU work; 2 queues ask 4 workloads (32 GPUs, 10 %) back")
        .contains("first cycle ms", "reclaimed %");
  }

  @Test
  void theFabricVariantPutsNicsAndRacksUnderTheSameCycle() {
    int exit = sluice("bench", "cycle", "--nodes", "40", "--pending", "300", "--queues", "20", "--warmups", "0",
        "--repeats", "1", "--reclaim-cycles", "0", "--fabric");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("placement sluice, RDMA NICs and racks (0 warm-up, 1 timed)").contains("pods bound/s")
        .doesNotContain("Reclaim:");
  }

  @Test
  void tooFewQueuesAreRefusedInOneLine() {
    int exit = sluice("bench", "cycle", "--queues", "5");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("sluice: --nodes must be >= 1, --pending >= 0 and --queues >= 10");
  }
}
