package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void tokensCarry256RandomBitsAndAreStoredAsTheirSha256() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) assertThat(seen.add(Tokens.generate())).isTrue();
    var token = Tokens.generate();
    assertThat(Base64.getUrlDecoder().decode(token.substring("slc_".length()))).hasSize(32);
    assertThat(Tokens.hash(token)).hasSize(64).matches("[0-9a-f]+").isEqualTo(Tokens.hash(token))
        .isNotEqualTo(Tokens.hash(token + "x"));
    assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
