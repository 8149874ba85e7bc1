package io.ringbreaker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void hashesAreArgon2idPhcStringsThatVerify() {
    String phc = PasswordHasher.hash("correct horse battery".toCharArray());

    assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(PasswordHasher.verify("correct horse battery".toCharArray(), phc)).isTrue();
    assertThat(PasswordHasher.verify("correct horse batterY".toCharArray(), phc)).isFalse();
    assertThat(PasswordHasher.hash("correct horse battery".toCharArray())).as("fresh salt").isNotEqualTo(phc);
    assertThat(PasswordHasher.verify("x".toCharArray(), "not a hash")).isFalse();
    assertThat(PasswordHasher.verify("x".toCharArray(), phc.replace("m=19456", "m=99999999"))).isFalse();
  }

  @Test
  void verifiesTheReferenceImplementationsOutput() {
    // A test vector of the reference implementation (phc-winner-argon2, src/test.c): "password", salt "somesalt".
    String reference = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    assertThat(PasswordHasher.verify("password".toCharArray(), reference)).isTrue();
    assertThat(PasswordHasher.verify("passwore".toCharArray(), reference)).isFalse();
  }

  @Test
  void shortPasswordsAreRefusedSayingTheMinimum() {
    assertThatThrownBy(() -> PasswordHasher.hash("eleven char".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("password must be at least 12 characters, got 11");
    assertThat(PasswordHasher.generate()).hasSize(20);
  }
}
