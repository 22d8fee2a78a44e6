package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void controlCharactersBecomeVisibleEscapes() {
    assertThat(Terminal.safe("\u001b[2J\u001b]0;pwned\u0007name\r\n\tx\u009b1m")).isEqualTo("\\e[2J\\e]0;pwned\\u0007name\\r\\n\\tx\\u009b1m");
    assertThat(Terminal.safe("abc\u202Eevil")).as("a bidirectional override").isEqualTo("abc\\u202eevil");
  }

  @Test
  void printableTextIsUnchanged() {
    assertThat(Terminal.safe("train-π 🚀 ∞ é")).isEqualTo("train-π 🚀 ∞ é");
    assertThat(Terminal.safe(null)).isNull();
  }

  @Test
  void tablesEscapeEveryCell() {
    var out = new StringWriter();
    new Table("NAME", "STATE").row("\u001b[31mred", "OK").print(new PrintWriter(out));
    assertThat(out.toString()).doesNotContain("\u001b").contains("\\e[31mred  OK");
  }
}
