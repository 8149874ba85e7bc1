package io.ringbreaker.store;

import static io.ringbreaker.store.JournalTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreTest {
  @TempDir Path dir;

  @Test
  void unreachablePostgresGivesAOneLineMessage() {
    assertThatThrownBy(() -> Store.open("jdbc:postgresql://127.0.0.1:1/test?user=postgres"))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot reach PostgreSQL at 127.0.0.1:1/test: connection refused");
  }

  @Test
  void messagesNeverShowThePassword() {
    assertThatThrownBy(() -> Store.open("jdbc:postgresql://127.0.0.1:1/test?user=rb&password=s3cret-pw"))
        .isInstanceOf(StoreException.class)
        .message().doesNotContain("s3cret-pw").doesNotContain("rb&");
    assertThatThrownBy(() -> Store.open("jdbc:mysql://db/x?password=s3cret-pw"))
        .isInstanceOf(StoreException.class)
        .hasMessage("unsupported database URL (jdbc:mysql): use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
  }

  @Test
  void postgresRefusalsOtherThanNetworkAreNamed() {
    TestDatabases.assumePostgres();
    assertThatThrownBy(() -> Store.open("jdbc:postgresql://" + TestDatabases.POSTGRES_HOST_PORT + "/rb_no_such_database?user=postgres"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open PostgreSQL at " + TestDatabases.POSTGRES_HOST_PORT + "/rb_no_such_database: ")
        .hasMessageContaining("does not exist")
        .message().doesNotContain("\n");
  }

  @Test
  void inMemorySqliteIsRefused() {
    assertThatThrownBy(() -> Store.open("jdbc:sqlite::memory:"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("in-memory SQLite is not supported");
  }

  @Test
  void sqlitePathBlockedByAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertThatThrownBy(() -> Store.openDefault(file))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot create directory " + file + " for SQLite " + file.resolve("ringbreaker.db")
            + ": a file is in the way");
    assertThatThrownBy(() -> Store.openDefault(file.resolve("data")))
        .isInstanceOf(StoreException.class)
        .hasMessage("cannot create directory " + file.resolve("data") + " for SQLite "
            + file.resolve("data/ringbreaker.db") + ": not a directory: " + file.resolve("data"));
  }

  @Test
  void notASqliteDatabase() throws Exception {
    Path file = Files.writeString(dir.resolve("ringbreaker.db"), "this is not a database file, just placeholder text ".repeat(40));
    assertThatThrownBy(() -> Store.openDefault(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open SQLite " + file + ": ")
        .hasMessageContaining("not a database");
  }

  @Test
  void defaultSqliteStoreIsCreatedWithDurableSettings() {
    Path data = dir.resolve("nested/data");
    try (Store store = Store.openDefault(data)) {
      assertThat(Files.exists(data.resolve("ringbreaker.db"))).isTrue();
      assertThat(store.describe()).isEqualTo("SQLite " + data.resolve("ringbreaker.db").toAbsolutePath());
      assertThat(store.isPostgres()).isFalse();
      assertThat(store.healthy()).isTrue();
      Map<String, String> pragmas = store.db().read("pragmas", c -> {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String p : List.of("journal_mode", "synchronous", "busy_timeout", "foreign_keys")) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + p)) {
            rs.next();
            out.put(p, rs.getString(1));
          }
        }
        return out;
      });
      // synchronous 2 = FULL
      assertThat(pragmas).containsExactlyInAnyOrderEntriesOf(
          Map.of("journal_mode", "wal", "synchronous", "2", "busy_timeout", "10000", "foreign_keys", "1"));
    }
    // Reopening an existing database migrates nothing and keeps working.
    try (Store again = Store.openDefault(data)) {
      assertThat(again.journal().count()).isZero();
    }
  }

  @Test
  void postgresStoreDescribesItselfWithoutCredentials() {
    try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
        Store store = Store.open(schema.url() + "&password=unused-pw")) {
      assertThat(store.describe()).isEqualTo("PostgreSQL " + TestDatabases.POSTGRES_HOST_PORT + "/test");
      assertThat(store.isPostgres()).isTrue();
      assertThat(store.healthy()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void closedStoreIsUnhealthyAndRefusesWork(Vendor vendor) {
    OpenStore db = OpenStore.open(vendor, dir);
    db.close();
    assertThat(db.store.healthy()).isFalse();
    assertThatThrownBy(() -> db.store.journal().count())
        .isInstanceOf(StoreException.class)
        .hasMessage("store is closed: " + db.store.describe());
    db.store.close(); // idempotent
  }

  @Test
  void bothVendorsMigrateToTheSameTablesAndColumns() {
    try (OpenStore sqlite = OpenStore.open(Vendor.SQLITE, dir);
        OpenStore postgres = OpenStore.open(Vendor.POSTGRES, dir)) {
      Map<String, List<String>> onSqlite = sqlite.store.schema();
      assertThat(onSqlite.keySet()).containsExactly("api_keys", "audit_head", "audit_log", "bank_entries", "banks",
          "case_subjects", "case_terms", "cases", "checkpoints", "decisions", "engine_state", "evidence_blobs",
          "evidence_items", "evidence_requests", "flyway_schema_history", "hashtags", "journal", "lexicon_terms",
          "outbox", "sessions", "users", "verdicts");
      Map<String, List<String>> onPostgres = postgres.store.schema();
      onSqlite.forEach((table, columns) -> {
        if (!table.equals("flyway_schema_history")) { // Flyway's own, per vendor
          assertThat(onPostgres.get(table)).as(table).isEqualTo(columns);
        }
      });
      assertThat(onPostgres.keySet()).isEqualTo(onSqlite.keySet());
    }
  }

  @Test
  void concurrentSqliteWritersWaitInsteadOfFailing() throws Exception {
    String url = TestDatabases.sqliteUrl(dir);
    // Two stores on one file behave like two processes: each has its own pool.
    try (Store a = Store.open(url); Store b = Store.open(url)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Store store = t % 2 == 0 ? a : b;
        int thread = t;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            List<JournalRecord> batch = new ArrayList<>();
            for (int j = 0; j < 20; j++) {
              batch.add(record("w" + thread + "-" + i + "-" + j));
            }
            store.journal().append(batch);
            store.state().commit("consumer-" + thread, i, new StateBatch(
                List.of(StateStoreTest.verdict("account", "acct-" + thread, "low", i)), List.of(), List.of()));
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(a.journal().count()).isEqualTo(8 * 40 * 20);
      assertThat(b.journal().readAfter(0, 10_000)).extracting(JournalEntry::seq).isSorted().doesNotHaveDuplicates();
      assertThat(a.state().checkpoint("consumer-7")).isEqualTo(39);
    }
  }
}
