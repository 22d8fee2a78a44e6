package dev.sluice.sim.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FabricTableTest {
  @Test
  void oneTablePerExperimentAndFleetWithAColumnPerPolicy() {
    var rows = List.of(
        new FabricMetric("dlrm", "small", "a", "pending", 3),
        new FabricMetric("dlrm", "small", "b", "pending", 1),
        new FabricMetric("dlrm", "small", "b", "stranded_pct", 2.345),
        new FabricMetric("dpu", "small", "dpu", "freed_host_cores", 12));

    assertThat(FabricTable.render(rows)).isEqualTo("""
        ### dlrm — small

        | metric | a | b |
        |---|---:|---:|
        | pending | 3 | 1 |
        | stranded_pct |  | 2.35 |

        ### dpu — small

        | metric | dpu |
        |---|---:|
        | freed_host_cores | 12 |

        """);
  }
}
