package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class TokenConcurrencyTest {
  @Test
  void aTokenGetsItsLimitOfPlacesAndOneMoreOnceOneIsFreed() {
    var concurrency = new TokenConcurrency(3);
    var permits = new ArrayList<TokenConcurrency.Permit>();
    for (int i = 0; i < 3; i++) permits.add(concurrency.tryEnter("a").orElseThrow());
    assertThat(concurrency.tryEnter("a")).isEmpty();
    assertThat(concurrency.tryEnter("b")).as("another token is not held back").isPresent();
    permits.getFirst().close();
    permits.getFirst().close(); // closing twice frees one place only
    assertThat(concurrency.tryEnter("a")).isPresent();
    assertThat(concurrency.tryEnter("a")).isEmpty();
  }
}
