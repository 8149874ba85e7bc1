package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BitcoinAddressTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void base58MatchesBitcoinCoreVectors() {
    String[][] vectors = {
        {"", ""},
        {"61", "2g"},
        {"626262", "a3gV"},
        {"636363", "aPEr"},
        {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
        {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
        {"516b6fcd0f", "ABnLTmg"},
        {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
        {"572e4794", "3EFU7m"},
        {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
        {"10c8511e", "Rt5zm"},
        {"00000000000000000000", "1111111111"},
    };
    for (String[] v : vectors) {
      assertThat(Base58Check.encode(HEX.parseHex(v[0]))).as(v[0]).isEqualTo(v[1]);
      assertThat(Base58Check.decode(v[1])).as(v[1]).hasValueSatisfying(b -> assertThat(HEX.formatHex(b)).isEqualTo(v[0]));
    }
  }

  @Test
  void base58CheckMatchesKnownP2pkhAddresses() {
    // The Bitcoin wiki's worked example, and the genesis block's address.
    assertThat(Base58Check.p2pkh(HEX.parseHex("010966776006953d5567439e5e39f86a0d273bee")))
        .isEqualTo("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM");
    assertThat(Base58Check.p2pkh(HEX.parseHex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")))
        .isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(Base58Check.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))
        .hasValueSatisfying(b -> assertThat(HEX.formatHex(b)).isEqualTo("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18"));
  }

  @Test
  void base58CheckRejectsABrokenChecksumOrAlphabet() {
    assertThat(Base58Check.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isEmpty();
    assertThat(Base58Check.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0")).isEmpty(); // 0 is not Base58
    // A Base58 string whose last 4 bytes are not the double SHA-256 of the rest.
    assertThat(Base58Check.decodeChecked("1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")).isEmpty();
  }

  @Test
  void bech32AcceptsBip173ValidChecksums() {
    String[] valid = {
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    };
    for (String s : valid) {
      assertThat(Bech32.decode(s)).as(s).isPresent();
    }
  }

  @Test
  void bech32RejectsBip173InvalidStrings() {
    String[] invalid = {
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx", // too long
        "pzry9x0s0muk", // no separator
        "1pzry9x0s0muk", // empty hrp
        "x1b4n0q5v", // invalid data character
        "li1dgmt3", // checksum too short
        "A1G7SGD8", // checksum computed with an upper-case hrp
        "10a06t8", // empty hrp
        "1qzzfhee", // empty hrp
    };
    for (String s : invalid) {
      assertThat(Bech32.decode(s)).as(s).isEmpty();
    }
  }

  @Test
  void segwitAddressesMatchBip173() {
    assertThat(Bech32.p2wpkh(HEX.parseHex("751e76e8199196d454941c45d1b3a323f1433bd6")))
        .isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    assertThat(Bech32.decodeSegwit("bc", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"))
        .hasValueSatisfying(s -> {
          assertThat(s.version()).isZero();
          assertThat(HEX.formatHex(s.program())).isEqualTo("751e76e8199196d454941c45d1b3a323f1433bd6");
        });
    assertThat(Bech32.encodeSegwit("tb", 0,
        HEX.parseHex("1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")))
        .isEqualTo("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7");
    // BIP-173 invalid addresses: bad checksum, mixed case, wrong hrp, bad program length.
    assertThat(Bech32.decodeSegwit("bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")).isEmpty();
    assertThat(Bech32.decodeSegwit("tb", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7")).isEmpty();
    assertThat(Bech32.decodeSegwit("bc", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")).isEmpty();
    assertThat(Bech32.decodeSegwit("bc", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P")).isEmpty();
  }

  @Test
  void mintedAddressesPassTheirOwnChecksumAndABrokenCopyFails() {
    Rng r = new Rng(99);
    int legacy = 0;
    int segwit = 0;
    for (int i = 0; i < 200; i++) {
      String a = OffPlatform.bitcoin(r);
      if (a.startsWith("1")) {
        legacy++;
        assertThat(Base58Check.decodeChecked(a)).as(a)
            .hasValueSatisfying(b -> assertThat(b).hasSize(21).startsWith((byte) 0));
        assertThat(Base58Check.decodeChecked(tamper(a, Base58Check.ALPHABET))).as(a).isEmpty();
      } else {
        segwit++;
        assertThat(a).startsWith("bc1q").hasSize(42);
        assertThat(Bech32.decodeSegwit("bc", a)).as(a)
            .hasValueSatisfying(s -> assertThat(s.program()).hasSize(20));
        assertThat(Bech32.decodeSegwit("bc", tamper(a, Bech32.CHARSET))).as(a).isEmpty();
      }
    }
    assertThat(legacy).isPositive();
    assertThat(segwit).isPositive();
  }

  @Test
  void refusesKeyHashesOfTheWrongLength() {
    assertThatThrownBy(() -> Base58Check.p2pkh(new byte[19])).hasMessage("hash160 must be 20 bytes, got 19");
    assertThatThrownBy(() -> Bech32.p2wpkh(new byte[21])).hasMessage("hash160 must be 20 bytes, got 21");
  }

  /** Changes one character in the middle to another of the alphabet. */
  private static String tamper(String s, String alphabet) {
    int i = s.length() / 2;
    char c = s.charAt(i);
    char d = alphabet.charAt((alphabet.indexOf(c) + 1) % alphabet.length());
    return s.substring(0, i) + d + s.substring(i + 1);
  }
}
