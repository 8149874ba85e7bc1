package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeysTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void createdKeysVerifyUntilRevoked(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      ApiKeys keys = db.store.apiKeys();
      assertThat(keys.count()).isZero();

      String key = keys.create("platform-a");
      String other = keys.create("platform-b");
      assertThat(key).matches("rbk_[A-Za-z0-9_-]{43}").isNotEqualTo(other);
      assertThat(keys.count()).isEqualTo(2);
      assertThat(keys.verify(key)).contains("platform-a");
      assertThat(keys.verify(other)).contains("platform-b");

      // Unknown, altered, malformed and absent keys.
      String flipped = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
      assertThat(keys.verify(flipped)).isEmpty();
      assertThat(keys.verify("rbk_" + "A".repeat(43))).isEmpty();
      assertThat(keys.verify(key.substring(4))).isEmpty();
      assertThat(keys.verify("")).isEmpty();
      assertThat(keys.verify(null)).isEmpty();

      List<ApiKeyInfo> list = keys.list();
      assertThat(list).extracting(ApiKeyInfo::name).containsExactly("platform-a", "platform-b");
      assertThat(list.get(0).prefix()).isEqualTo(key.substring(0, 10));
      assertThat(list).noneMatch(ApiKeyInfo::revoked);

      assertThat(keys.revoke(list.get(0).id())).isTrue();
      assertThat(keys.revoke(list.get(0).id())).isFalse();
      assertThat(keys.revoke(-1)).isFalse();
      assertThat(keys.verify(key)).isEmpty();
      assertThat(keys.verify(other)).contains("platform-b");
      assertThat(keys.count()).isEqualTo(1);
      assertThat(keys.list().get(0).revokedAt()).isPresent();

      keys.create("platform-b");
      assertThat(keys.revokeAll("platform-b")).isEqualTo(2);
      assertThat(keys.verify(other)).isEmpty();
      assertThat(keys.count()).isZero();
      assertThatThrownBy(() -> keys.create(" ")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void onlyTheDigestIsStored(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      String key = db.store.apiKeys().create("platform-a");
      List<String> stored = db.store.db().read("test", c -> {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM api_keys")) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              values.add(String.valueOf(rs.getObject(i)));
            }
          }
        }
        return values;
      });
      assertThat(stored).contains(SqlApiKeys.sha256(key)).noneMatch(v -> v.contains(key.substring(10)));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void keysCarryTheirScopes(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      ApiKeys keys = db.store.apiKeys();
      String reader = keys.create("dashboard", java.util.Set.of("verdicts:read"));
      String all = keys.create("platform");

      assertThat(keys.authenticate(reader).orElseThrow().scopes()).containsExactly("verdicts:read");
      assertThat(keys.authenticate(reader).orElseThrow().has("events:write")).isFalse();
      assertThat(keys.authenticate(all).orElseThrow().scopes())
          .containsExactly("events:write", "verdicts:read", "actions:write", "lookup:read", "admin");
      assertThat(keys.list()).extracting(ApiKeyInfo::name).containsExactly("dashboard", "platform");
      assertThatThrownBy(() -> keys.create("x", java.util.Set.of("events:write", "events:delete")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown API key scope \"events:delete\" "
              + "(expected events:write, verdicts:read, actions:write, lookup:read, admin)");
      assertThatThrownBy(() -> keys.create("x", java.util.Set.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("an API key needs at least one scope");

      // A key stored before keys had scopes (no scopes column in its INSERT) keeps every scope.
      db.sql("INSERT INTO api_keys (name, key_prefix, key_sha256, created_at_us) VALUES ('old', 'rbk_old', "
          + "'" + SqlApiKeys.sha256("rbk_" + "o".repeat(43)) + "', 1)");
      assertThat(keys.authenticate("rbk_" + "o".repeat(43)).orElseThrow().scopes()).isEqualTo(ApiKeys.ALL_SCOPES);
    }
  }
}
