package dev.sluice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NicBandwidthTest {
  @ParameterizedTest
  @CsvSource({"25G, 25000", "25g, 25000", "400Gbps, 400000", "200 Gb/s, 200000", "1.6T, 1600000", "100M, 100",
      "100Mbit/s, 100", "2500, 2500", "2.5G, 2500", "100T, 100000000"})
  void readsDecimalBitRates(String text, long mbps) {
    assertThat(NicBandwidth.parseMbps(text)).isEqualTo(mbps);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "G", "-25G", "25X", "25 GiB", "ten", "25G25"})
  void refusesWhatIsNotABandwidth(String text) {
    assertThatThrownBy(() -> NicBandwidth.parseMbps(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a bandwidth").hasMessageContaining("e.g. 25G");
  }

  @Test
  void refusesZeroFractionsOfAMegabitAndTheAbsurd() {
    assertThatThrownBy(() -> NicBandwidth.parseMbps("0G")).hasMessage("must be more than 0, was '0G'");
    assertThatThrownBy(() -> NicBandwidth.parseMbps("0.5M")).hasMessage("'0.5M' is not a whole number of Mbit/s");
    assertThatThrownBy(() -> NicBandwidth.parseMbps("101T")).hasMessage("must be at most 100T, was '101T'");
    assertThatThrownBy(() -> NicBandwidth.parseMbps("999999999999G")).hasMessageContaining("at most 100T");
  }

  @Test
  void formatsInTheShortestExactUnitAndReadsBackTheSame() {
    assertThat(NicBandwidth.format(25_000)).isEqualTo("25G");
    assertThat(NicBandwidth.format(1_600_000)).isEqualTo("1.6T");
    assertThat(NicBandwidth.format(2_500)).isEqualTo("2500M");
    assertThat(NicBandwidth.format(100)).isEqualTo("100M");
    for (long mbps : new long[] {1, 999, 1_000, 2_500, 25_000, 1_000_000, 1_600_000, 1_234_567}) {
      assertThat(NicBandwidth.parseMbps(NicBandwidth.format(mbps))).isEqualTo(mbps);
    }
  }
}
