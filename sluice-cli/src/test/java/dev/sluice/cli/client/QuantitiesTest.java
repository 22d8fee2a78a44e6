package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void memoryInBinaryUnitsOrBareMebibytes() {
    assertThat(Quantities.mebibytes("20GiB")).isEqualTo(20_480);
    assertThat(Quantities.mebibytes("20g")).isEqualTo(20_480);
    assertThat(Quantities.mebibytes("1.5Gi")).isEqualTo(1_536);
    assertThat(Quantities.mebibytes("512MiB")).isEqualTo(512);
    assertThat(Quantities.mebibytes("2048")).isEqualTo(2_048);
    assertThat(Quantities.mebibytes("1TB")).isEqualTo(1_048_576);
  }

  @Test
  void memoryThatIsNotAnAmountIsRefusedWithTheFormsAccepted() {
    assertThatThrownBy(() -> Quantities.mebibytes("lots")).hasMessage("'lots' is not an amount of memory (e.g. 512MiB, 20GiB)");
    assertThatThrownBy(() -> Quantities.mebibytes("0GiB")).hasMessageContaining("must be more than 0");
    assertThatThrownBy(() -> Quantities.mebibytes("0.5MiB")).hasMessageContaining("not a whole number of MiB");
  }

  @Test
  void cpusAsCoresOrMilli() {
    assertThat(Quantities.cpuMilli("2")).isEqualTo(2_000);
    assertThat(Quantities.cpuMilli("0.5")).isEqualTo(500);
    assertThat(Quantities.cpuMilli("250m")).isEqualTo(250);
    assertThatThrownBy(() -> Quantities.cpuMilli("two")).hasMessageContaining("'two' is not a number of CPUs");
    assertThatThrownBy(() -> Quantities.cpuMilli("0.0005")).hasMessageContaining("finer than 1m");
  }

  @Test
  void lifetimesAreAWholeNumberAndAUnit() {
    assertThat(Quantities.seconds("3600s")).isEqualTo(3600);
    assertThat(Quantities.seconds("90m")).isEqualTo(5400);
    assertThat(Quantities.seconds("12h")).isEqualTo(43_200);
    assertThat(Quantities.seconds("30d")).isEqualTo(2_592_000);
    assertThat(Quantities.seconds("2w")).isEqualTo(1_209_600);
    assertThatThrownBy(() -> Quantities.seconds("soon")).hasMessageContaining("'soon' is not a lifetime");
    assertThatThrownBy(() -> Quantities.seconds("0d")).hasMessageContaining("must be more than 0");
    assertThatThrownBy(() -> Quantities.seconds("1.5h")).hasMessageContaining("is not a lifetime");
  }
}
