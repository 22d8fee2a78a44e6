package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsLineUpAndNullsShowAsADash() {
    var text = new StringWriter();
    new Table("ID", "STATE", "REASON").row("j-000001", "RUNNING", null).row("j-000010", "PENDING", "no-node-fits")
        .print(new PrintWriter(text));
    assertThat(text.toString().lines().toList()).containsExactly(
        "ID        STATE    REASON",
        "j-000001  RUNNING  -",
        "j-000010  PENDING  no-node-fits");
  }

  @Test
  void aRowMustHaveOneCellPerColumn() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gpuAmountsReadAsDevices() {
    assertThat(Cells.gpus(2000)).isEqualTo("2");
    assertThat(Cells.gpus(1500)).isEqualTo("1.5");
    assertThat(Cells.gpus(250)).isEqualTo("0.25");
    assertThat(Cells.gpuLimit(null)).isEqualTo("∞");
    assertThat(Cells.gpuRequest(new Job.Request(1, 500, 0, 1000, 2048))).isEqualTo("0.5");
    assertThat(Cells.gpuRequest(new Job.Request(2, 1000, 0, 1000, 2048))).isEqualTo("2");
    assertThat(Cells.gpuRequest(new Job.Request(1, 250, 20480, 1000, 2048))).isEqualTo("0.25 (20GiB)");
  }

  @Test
  void placementAndAge() {
    var job = new Job("j-1", "n", "q", "u", List.of("sleep"), null, new Job.Request(2, 1000, 0, 0, 0), 0, false,
        "RUNNING", null, null, "box", List.of(0, 1), true, "2026-11-25T10:00:00Z", null, null, null, null, null);
    assertThat(Cells.placement(job)).isEqualTo("box:0,1 (sim)");
    assertThat(Cells.age(job.submittedAt(), Instant.parse("2026-11-25T10:03:00Z"))).isEqualTo("3m");
    assertThat(Cells.age(null, Instant.EPOCH)).isEqualTo("-");
  }

  @Test
  void commandsReadBackAsAShellWouldTakeThem() {
    assertThat(Cells.command(List.of("sh", "-c", "echo it's done; sleep 1"))).isEqualTo("sh -c 'echo it'\\''s done; sleep 1'");
    assertThat(Cells.command(List.of("python", "train.py", "--lr=3e-4"))).isEqualTo("python train.py --lr=3e-4");
  }
}
