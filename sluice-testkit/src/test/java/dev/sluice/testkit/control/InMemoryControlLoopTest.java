package dev.sluice.testkit.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.SchedulingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryControlLoopTest extends ControlLoopContract<InMemoryWorkloadSource.Read> {
  /** The fakes as the contract's harness. */
  private record FakeHarness(InMemoryWorkloadSource source, InMemoryDecisionSink sink)
      implements Harness<InMemoryWorkloadSource.Read> {
    FakeHarness(InMemoryWorkloadSource source) {
      this(source, new InMemoryDecisionSink(source));
    }

    @Override
    public List<String> bound() {
      return sink.carriedOut().stream().filter(d -> d instanceof SchedulingDecision.Bind).map(d -> d.workload().id()).toList();
    }

    @Override
    public void failBindsOf(String id) {
      sink.failBindsOf(id);
    }
  }

  @Override
  protected Harness<InMemoryWorkloadSource.Read> harness(SchedulerSnapshot cluster, UsageHistory pastUsage) {
    return new FakeHarness(new InMemoryWorkloadSource(cluster, pastUsage));
  }

  @Test
  void workloadsTheSourceHoldsBackCountAsWaiting() throws InterruptedException {
    var source = new InMemoryWorkloadSource(pending(workload("a", 1)), noPastUsage());
    source.holdBack(2);

    var summary = loop(new FakeHarness(source)).cycle();

    assertThat(summary.bound()).isEqualTo(1);
    assertThat(summary.waiting()).isEqualTo(2);
  }

  @Test
  void theSinkGetsTheSnapshotDecidedOnWithTheUsageMeteredThisCycle() throws InterruptedException {
    var source = new InMemoryWorkloadSource(pending(workload("a", 1)), noPastUsage());
    var sink = new InMemoryDecisionSink(source);

    loop(new FakeHarness(source, sink)).cycle();

    var decided = sink.handed().getFirst();
    assertThat(decided.snapshot().usage().atMillis()).isEqualTo(T0);
    assertThat(decided.result().binds()).hasSize(1);
    assertThat(source.usagesGiven()).hasSize(1);
  }
}
