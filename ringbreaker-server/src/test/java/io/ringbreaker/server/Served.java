package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real server on a real store, for one test: SQLite in a temporary directory or a fresh
 * PostgreSQL schema, the pipeline processing in the background, the HTTP server on a free port,
 * and an API key. Closing stops everything and drops the schema.
 */
final class Served implements AutoCloseable {

  /** The databases every server test runs on. */
  enum Vendor { SQLITE, POSTGRES }

  final Vendor vendor;
  final String dbUrl;
  final Store store;
  final DurablePipeline pipeline;
  final RingbreakerServer server;
  final String key;
  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final TestDatabases.PostgresSchema schema;

  private Served(Vendor vendor, String dbUrl, TestDatabases.PostgresSchema schema, Path dataDir,
                 UnaryOperator<ServerConfig> tune) {
    this.vendor = vendor;
    this.dbUrl = dbUrl;
    this.schema = schema;
    this.store = Store.open(dbUrl);
    DurablePipeline p = null;
    try {
      ApiKeyFile.Bootstrap boot = ApiKeyFile.ensure(store.apiKeys(), dataDir);
      this.key = boot.createdKey().or(() -> ApiKeyFile.read(dataDir)).orElseThrow();
      ServerConfig config = tune.apply(ServerConfig.defaults(dataDir, 0));
      p = DurablePipeline.open(store, List.of(), List.of(), false);
      // As serve does: the saved policy (or --policy) in force before any event is processed.
      config.policy().putInForce(p, problem -> System.err.println("policy: " + problem));
      p.start();
      this.pipeline = p;
      this.server = RingbreakerServer.start(p, config);
    } catch (RuntimeException e) {
      if (p != null) {
        p.close();
      }
      store.close();
      throw e;
    }
  }

  static Served start(Vendor vendor, Path dir) {
    return start(vendor, dir, UnaryOperator.identity());
  }

  static Served start(Vendor vendor, Path dir, UnaryOperator<ServerConfig> tune) {
    if (vendor == Vendor.SQLITE) {
      return new Served(vendor, TestDatabases.sqliteUrl(dir), null, dir.resolve("data"), tune);
    }
    TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
    try {
      return new Served(vendor, schema.url(), schema, dir.resolve("data"), tune);
    } catch (RuntimeException e) {
      schema.close();
      throw e;
    }
  }

  /** The schema's name on PostgreSQL. */
  String schemaName() {
    return schema.name();
  }

  URI uri(String pathAndQuery) {
    return URI.create(server.url() + (pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery));
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
  }

  HttpRequest.Builder authorized(String pathAndQuery) {
    return request(pathAndQuery).header("Authorization", "Bearer " + key);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST /v1/events with the key. */
  HttpResponse<String> postEvents(String body) {
    return send(authorized("/v1/events").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** GET with the key. */
  HttpResponse<String> get(String pathAndQuery) {
    return send(authorized(pathAndQuery).GET());
  }

  /** The password {@link #person} gives everyone. */
  static final String PASSWORD = "correct horse battery staple";

  /** A signed-in browser: its session cookie ("rb_session=…") and the CSRF token its pages carry. */
  record Browser(String cookie, String csrf) {}

  /** Adds a person with {@link #PASSWORD}. */
  io.ringbreaker.store.User person(String name, io.ringbreaker.store.Role role) {
    return store.users().create(name, role,
        io.ringbreaker.server.auth.PasswordHasher.hash(PASSWORD.toCharArray()));
  }

  /** POST /login as the form does, with an optional Cookie header. */
  HttpResponse<String> login(String name, String password, String... cookie) {
    HttpRequest.Builder r = request("/login").header("Content-Type", "application/x-www-form-urlencoded");
    if (cookie.length > 0) {
      r.header("Cookie", cookie[0]);
    }
    return send(r.POST(HttpRequest.BodyPublishers.ofString("name=" + enc(name) + "&password=" + enc(password))));
  }

  /** Adds a person, signs them in and reads the CSRF token from the home page. */
  Browser signIn(String name, io.ringbreaker.store.Role role) {
    person(name, role);
    return signIn(name);
  }

  Browser signIn(String name) {
    HttpResponse<String> r = login(name, PASSWORD);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpResponse<String> home = send(request("/").header("Cookie", cookie).GET());
    assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=csrf value=\"([^\"]+)\"").matcher(home.body());
    assertThat(m.find()).as("a csrf field on the home page").isTrue();
    return new Browser(cookie, m.group(1));
  }

  /** A form POST from a signed-in browser; {@code form} is already URL-encoded. */
  HttpResponse<String> postForm(Browser b, String path, String form) {
    return send(request(path).header("Cookie", b.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> getAs(Browser b, String path) {
    return send(request(path).header("Cookie", b.cookie()).GET());
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Waits until everything journaled so far is processed (the state the API reads is then complete). */
  void awaitProcessed() {
    try {
      long seq = pipeline.journaledSeq();
      assertThat(pipeline.awaitProcessed(seq, Duration.ofSeconds(10)))
          .as("processed up to journal seq %d within 10 s (processed %d, last error '%s')", seq,
              pipeline.processedSeq(), pipeline.lastError())
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return ContractJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("response " + r.statusCode() + " is not JSON: " + r.body(), e);
    }
  }

  /** Runs a statement on a connection of its own, outside the store (e.g. to break a table). */
  void sql(String statement) {
    if (vendor == Vendor.POSTGRES) {
      TestDatabases.admin(statement.replace("{schema}", schema.name() + "."));
      return;
    }
    try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute(statement.replace("{schema}", ""));
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        pipeline.close();
      } finally {
        try {
          store.close();
        } finally {
          if (schema != null) {
            schema.close();
          }
        }
      }
    }
  }
}
