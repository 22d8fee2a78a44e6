package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private final ServerConfig defaults = ServerConfig.defaults(Path.of("/data"));

  @Test
  void defaultsListenOnLoopbackWithTheEmbeddedDatabase() {
    assertThat(defaults.bindHost()).isEqualTo("127.0.0.1");
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.dbUrl()).isNull();
    assertThat(defaults.tick()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.scheduler()).isEqualTo("fair-share");
    assertThat(defaults.withScheduler("priority").scheduler()).isEqualTo("priority");
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessageContaining("port");
    assertThatThrownBy(() -> defaults.withBindHost(" ")).hasMessageContaining("bindHost");
    assertThatThrownBy(() -> defaults.withDatabase("jdbc:mysql://x/y", null, null)).hasMessageContaining("db url");
    assertThatThrownBy(() -> defaults.withTick(Duration.ofMillis(1))).hasMessageContaining("tick");
    assertThatThrownBy(() -> defaults.withGracePeriod(Duration.ofSeconds(-1))).hasMessageContaining("grace");
    assertThatThrownBy(() -> defaults.withScheduler("fifo")).hasMessageContaining("scheduler");
    assertThat(defaults.withDatabase("jdbc:postgresql://db/sluice", "u", "p").dbUrl()).isEqualTo("jdbc:postgresql://db/sluice");
  }
}
