package io.ringbreaker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests (shipped in this module's test-jar).
 *
 * <pre>{@code
 * @Test void onSqlite(@TempDir Path dir) {
 *   try (Store store = Store.open(TestDatabases.sqliteUrl(dir))) { ... }
 * }
 * @Test void onPostgres() {
 *   try (var schema = TestDatabases.postgresSchema(); Store store = Store.open(schema.url())) { ... }
 * }
 * }</pre>
 *
 * <p>PostgreSQL is expected at 127.0.0.1:5432 (or {@code $RINGBREAKER_TEST_PG}, as host:port),
 * database {@code test}, user {@code postgres}, trust auth. When it is not reachable, PostgreSQL tests are skipped, except under {@code CI=true}, where
 * they fail: CI starts PostgreSQL, so a skip there would hide a broken setup.
 */
public final class TestDatabases {
  /** 127.0.0.1:5432, or the host:port in environment variable RINGBREAKER_TEST_PG. */
  public static final String POSTGRES_HOST_PORT =
      System.getenv().getOrDefault("RINGBREAKER_TEST_PG", "127.0.0.1:5432");
  public static final String POSTGRES_DATABASE = "test";
  public static final String POSTGRES_USER = "postgres";
  private static final String ADMIN_URL = "jdbc:postgresql://" + POSTGRES_HOST_PORT + "/" + POSTGRES_DATABASE
      + "?user=" + POSTGRES_USER + "&connectTimeout=5&ApplicationName=ringbreaker-tests";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Schemas handed out by {@link #postgresUrl()}, dropped when the JVM exits. */
  private static final Set<String> UNOWNED = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean DROP_AT_EXIT = new AtomicBoolean();

  private static volatile String unreachable; // null until checked; "" when reachable

  private TestDatabases() {}

  /** {@code jdbc:sqlite:<dir>/ringbreaker.db}; use a JUnit {@code @TempDir}. */
  public static String sqliteUrl(Path dir) {
    return Store.sqliteUrl(dir.resolve(Store.DEFAULT_FILE_NAME));
  }

  /** A SQLite URL in a new temporary directory (left for the OS to clean; prefer {@link #sqliteUrl}). */
  public static String tempSqliteUrl() {
    try {
      return sqliteUrl(Files.createTempDirectory("ringbreaker-test-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Skips the calling test when PostgreSQL is not reachable at {@link #POSTGRES_HOST_PORT} — or fails it when
   * the environment has {@code CI=true}.
   */
  public static void assumePostgres() {
    String problem = unreachable;
    if (problem == null) {
      problem = probe();
      unreachable = problem;
      if (!problem.isEmpty() && !"true".equalsIgnoreCase(System.getenv("CI"))) {
        // Once per test JVM, where a person reads it: surefire keeps skip reasons in its reports only.
        System.err.println("[ringbreaker] PostgreSQL not reachable at " + POSTGRES_HOST_PORT
            + ": its tests are SKIPPED, not passed (" + problem + "). CI (.ci/run) starts it.");
      }
    }
    if (problem.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("PostgreSQL not reachable at " + POSTGRES_HOST_PORT + " (" + problem
          + ") and CI=true: CI must start it before the tests");
    }
    Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_HOST_PORT + " — skipping; CI starts it ("
        + problem + ")");
  }

  private static String probe() {
    try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return "";
    } catch (SQLException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      return m.lines().findFirst().orElse(m);
    }
  }

  /**
   * A fresh, empty schema {@code rb_test_<random>} in database {@code test}; closing it drops the
   * schema and everything in it. Calls {@link #assumePostgres()} first.
   */
  public static PostgresSchema postgresSchema() {
    assumePostgres();
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    String name = "rb_test_" + HexFormat.of().formatHex(b);
    admin("CREATE SCHEMA " + name);
    return new PostgresSchema(name, "jdbc:postgresql://" + POSTGRES_HOST_PORT + "/" + POSTGRES_DATABASE
        + "?user=" + POSTGRES_USER + "&currentSchema=" + name);
  }

  /**
   * The URL of a fresh schema (see {@link #postgresSchema()}), dropped when the JVM exits; prefer
   * {@code postgresSchema()} in try-with-resources to drop it sooner.
   */
  public static String postgresUrl() {
    PostgresSchema schema = postgresSchema();
    if (DROP_AT_EXIT.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> UNOWNED.forEach(TestDatabases::dropQuietly)));
    }
    UNOWNED.add(schema.name());
    return schema.url();
  }

  /** Runs one statement as the admin user in database {@code test} (e.g. to break a schema on purpose). */
  public static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL admin statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void dropQuietly(String schema) {
    try {
      admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (RuntimeException e) {
      // Best effort at JVM exit; a leftover rb_test_ schema is harmless.
    }
  }

  /** A test schema; {@link #close()} drops it (CASCADE). Close stores using it first. */
  public record PostgresSchema(String name, String url) implements AutoCloseable {
    @Override
    public void close() {
      admin("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
