package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void rangesAndListsMix() throws UserInputException {
    assertThat(Seeds.parse("42-44,60")).containsExactly(42L, 43L, 44L, 60L);
  }

  @Test
  void aBackwardRangeIsRejected() {
    assertThatThrownBy(() -> Seeds.parse("51-42")).isInstanceOf(UserInputException.class).hasMessageContaining("51-42");
  }

  @Test
  void aWordIsRejected() {
    assertThatThrownBy(() -> Seeds.parse("forty")).hasMessageContaining("'forty' is not a seed");
  }
}
