package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsersTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @TempDir Path dir;

  @Test
  void rolesAreOrderedAndHaveWireNames() {
    assertThat(Role.LEAD.atLeast(Role.REVIEWER)).isTrue();
    assertThat(Role.ADMIN.atLeast(Role.LEAD)).isTrue();
    assertThat(Role.REVIEWER.atLeast(Role.LEAD)).isFalse();
    assertThat(Role.VIEWER.atLeast(Role.VIEWER)).isTrue();
    assertThat(Role.fromWire("lead")).contains(Role.LEAD);
    assertThat(Role.fromWire("LEAD")).isEmpty();
    assertThat(Role.wireNames()).isEqualTo("viewer, reviewer, lead, admin");
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void usersAreCreatedFoundAndChanged(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Users users = db.store.users();
      User alice = users.create("Alice", Role.REVIEWER, "$argon2id$hash-a");
      users.create("bob.k_2-x", Role.VIEWER, "$argon2id$hash-b");

      assertThat(alice.name()).isEqualTo("Alice");
      assertThat(alice.role()).isEqualTo(Role.REVIEWER);
      assertThat(alice.disabled()).isFalse();
      assertThat(alice.settings()).isEqualTo(new ReviewerSettings(true, 40, 50));
      assertThat(users.find("alice")).contains(alice);
      assertThat(users.find("ALICE")).contains(alice);
      assertThat(users.get(alice.id())).contains(alice);
      assertThat(users.find("carol")).isEmpty();
      assertThat(users.find("<script>")).isEmpty();
      assertThat(users.list()).extracting(User::name).containsExactly("Alice", "bob.k_2-x");
      assertThat(users.count()).isEqualTo(2);
      assertThat(users.credentials("alice").orElseThrow().passwordHash()).isEqualTo("$argon2id$hash-a");

      assertThatThrownBy(() -> users.create("ALICE", Role.ADMIN, "h"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("user name \"ALICE\" is taken (by \"Alice\")");
      assertThatThrownBy(() -> users.create("Alice", Role.ADMIN, "h"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("user name \"Alice\" is taken");
      assertThatThrownBy(() -> users.create("<script>", Role.ADMIN, "h"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("user name \"<script>\" must be 1 to 64 letters, digits, '.', '_' or '-'");
      assertThatThrownBy(() -> users.create("x".repeat(65), Role.ADMIN, "h"))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(users.setRole(alice.id(), Role.LEAD)).isTrue();
      assertThat(users.setPasswordHash(alice.id(), "$argon2id$hash-new")).isTrue();
      ReviewerSettings mine = new ReviewerSettings(false, 20, 30);
      assertThat(users.settings(alice.id(), mine)).isTrue();
      User changed = users.get(alice.id()).orElseThrow();
      assertThat(changed.role()).isEqualTo(Role.LEAD);
      assertThat(changed.settings()).isEqualTo(mine);
      assertThat(users.credentials("alice").orElseThrow().passwordHash()).isEqualTo("$argon2id$hash-new");
      assertThat(users.setRole(9999, Role.ADMIN)).isFalse();

      assertThat(users.disable(alice.id(), T)).isTrue();
      assertThat(users.disable(alice.id(), T.plusSeconds(1))).as("already disabled").isFalse();
      assertThat(users.get(alice.id()).orElseThrow().disabledAt()).contains(T);
    }
  }

  @Test
  void settingsOutOfRangeAreRefusedByName() {
    assertThatThrownBy(() -> new ReviewerSettings(true, 0, 50)).hasMessage("maxHighPerShift must be 1 to 1000, got 0");
    assertThatThrownBy(() -> new ReviewerSettings(true, 40, 1)).hasMessage("breakMinutes must be 5 to 480, got 1");
    assertThat(ReviewerSettings.fromJson("{}")).isEqualTo(ReviewerSettings.DEFAULTS);
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void fiveFailuresLockForAMinuteDoublingToAnHour(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Users users = db.store.users();
      User u = users.create("dana", Role.REVIEWER, "h");
      for (int i = 1; i < 5; i++) {
        assertThat(users.recordFailedLogin("Dana", T)).as("failure %d", i).isEmpty();
      }
      assertThat(users.recordFailedLogin("dana", T)).contains(T.plus(1, ChronoUnit.MINUTES));
      assertThat(users.credentials("dana").orElseThrow().lockedAt(T.plusSeconds(59))).isTrue();
      assertThat(users.credentials("dana").orElseThrow().lockedAt(T.plusSeconds(60))).isFalse();
      assertThat(users.recordFailedLogin("dana", T)).contains(T.plus(2, ChronoUnit.MINUTES));
      assertThat(users.recordFailedLogin("dana", T)).contains(T.plus(4, ChronoUnit.MINUTES));
      for (int i = 0; i < 10; i++) {
        users.recordFailedLogin("dana", T);
      }
      assertThat(users.recordFailedLogin("dana", T)).contains(T.plus(1, ChronoUnit.HOURS));
      assertThat(users.recordFailedLogin("nobody", T)).isEmpty();

      users.clearFailedLogins(u.id());
      Users.Credentials after = users.credentials("dana").orElseThrow();
      assertThat(after.failedLogins()).isZero();
      assertThat(after.lockedUntil()).isEmpty();
      assertThat(users.recordFailedLogin("dana", T)).as("counting starts again").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void sessionsLiveUntilExpiryRevocationOrTheUserIsDisabled(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Users users = db.store.users();
      Sessions sessions = db.store.sessions();
      User erin = users.create("erin", Role.VIEWER, "h");
      User finn = users.create("finn", Role.LEAD, "h");

      Sessions.NewSession a = sessions.create(erin.id(), T, Duration.ofHours(8));
      Sessions.NewSession b = sessions.create(erin.id(), T, Duration.ofHours(8));
      Sessions.NewSession f = sessions.create(finn.id(), T, Duration.ofHours(8));
      assertThat(a.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.token());
      assertThat(a.csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(a.token());
      assertThat(a.expiresAt()).isEqualTo(T.plus(Duration.ofHours(8)));
      assertThat(a.toString()).doesNotContain(a.token()).doesNotContain(a.csrf());

      Sessions.Session found = sessions.find(a.token(), T.plusSeconds(10)).orElseThrow();
      assertThat(found.user()).isEqualTo(erin);
      assertThat(found.csrf()).isEqualTo(a.csrf());
      assertThat(sessions.find(a.token(), T.plus(Duration.ofHours(8)))).as("expired").isEmpty();
      assertThat(sessions.find("x".repeat(43), T)).isEmpty();
      assertThat(sessions.find(null, T)).isEmpty();
      sessions.touch(a.token(), T.plusSeconds(20));

      // A role change shows in the session at once.
      users.setRole(erin.id(), Role.REVIEWER);
      assertThat(sessions.find(a.token(), T).orElseThrow().user().role()).isEqualTo(Role.REVIEWER);

      assertThat(sessions.revoke(a.token())).isTrue();
      assertThat(sessions.revoke(a.token())).isFalse();
      assertThat(sessions.find(a.token(), T)).isEmpty();
      assertThat(sessions.find(b.token(), T)).isPresent();

      users.disable(erin.id(), T);
      assertThat(sessions.find(b.token(), T)).as("disabled user").isEmpty();
      assertThat(sessions.find(f.token(), T)).isPresent();
      users.setPasswordHash(finn.id(), "h2");
      assertThat(sessions.find(f.token(), T)).as("a new password ends the sessions").isEmpty();

      Sessions.NewSession g = sessions.create(finn.id(), T, Duration.ofHours(1));
      assertThat(sessions.revokeAllOf(finn.id())).isEqualTo(1);
      assertThat(sessions.find(g.token(), T)).isEmpty();
      assertThat(Optional.of(sessions)).isPresent();
    }
  }
}
