package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  @Test
  void aCharacterSplitBetweenTwoPiecesOfALogComesOutWhole() {
    var bytes = "loss → 0.42\n".getBytes(StandardCharsets.UTF_8);
    int insideTheArrow = "loss ".length() + 1;
    var text = new LogsCommand.Utf8Text();

    var first = text.decode(Arrays.copyOfRange(bytes, 0, insideTheArrow));
    var second = text.decode(Arrays.copyOfRange(bytes, insideTheArrow, bytes.length));

    assertThat(first).isEqualTo("loss ");
    assertThat(second).isEqualTo("→ 0.42\n");
  }
}
