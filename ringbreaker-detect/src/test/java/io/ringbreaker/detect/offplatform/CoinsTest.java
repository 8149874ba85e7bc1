package io.ringbreaker.detect.offplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CoinsTest {

  @Test
  void keccak256KnownVectors() {
    assertThat(HexFormat.of().formatHex(Keccak.keccak256(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(HexFormat.of().formatHex(Keccak.keccak256("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    // Crosses the 136-byte rate boundary: one full block plus padding in a second.
    byte[] block = new byte[136];
    assertThat(Keccak.keccak256(block)).hasSize(32).isNotEqualTo(Keccak.keccak256(new byte[135]));
  }

  @Test
  void eip55TestVectors() {
    for (String a : new String[] {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
      assertThat(Coins.eip55(a)).as(a).isTrue();
      assertThat(Coins.eip55Encode(a.substring(2).toLowerCase())).isEqualTo(a.substring(2));
    }
    assertThat(Coins.eip55("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).isFalse();
    assertThat(Coins.eip55("0x52908400098527886E0F7030069857D2E4169EE7")).isTrue();
    assertThat(Coins.eip55("0xde709f2102306220921060314715629080e2fb77")).isTrue();
  }

  @Test
  void bip173AndBip350Vectors() {
    assertThat(Coins.segwit("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"))
        .hasValue(new Coins.Btc("mainnet", "bech32"));
    assertThat(Coins.segwit("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"))
        .hasValue(new Coins.Btc("testnet", "bech32"));
    assertThat(Coins.segwit(
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y"))
        .hasValue(new Coins.Btc("mainnet", "bech32m"));
    assertThat(Coins.segwit("BC1SW50QGDZ25J")).hasValue(new Coins.Btc("mainnet", "bech32m"));
    assertThat(Coins.segwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))
        .hasValue(new Coins.Btc("mainnet", "bech32m"));
    // Mixed case, and a changed character: no address.
    assertThat(Coins.segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3t4")).isEmpty();
    assertThat(Coins.segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).isEmpty();
  }

  @Test
  void witnessVersionMustUseItsChecksum() {
    byte[] program = new byte[32];
    for (int i = 0; i < 32; i++) {
      program[i] = (byte) (i * 7 + 3);
    }
    String v1 = Coins.segwitEncode("bc", 1, program);
    assertThat(v1).startsWith("bc1p");
    assertThat(Coins.segwit(v1)).hasValue(new Coins.Btc("mainnet", "bech32m"));
    // v0 program of 32 bytes is P2WSH and valid; v0 with 25 bytes is not.
    assertThat(Coins.segwit(Coins.segwitEncode("bc", 0, program))).isPresent();
    assertThat(Coins.segwit(Coins.segwitEncode("bc", 0, new byte[25]))).isEmpty();
  }

  @Test
  void base58CheckKnownAddresses() {
    assertThat(Coins.base58Check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))
        .hasValue(new Coins.Btc("mainnet", "p2pkh"));
    assertThat(Coins.base58Check("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"))
        .hasValue(new Coins.Btc("mainnet", "p2sh"));
    assertThat(Coins.base58Check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isEmpty();
  }
}
