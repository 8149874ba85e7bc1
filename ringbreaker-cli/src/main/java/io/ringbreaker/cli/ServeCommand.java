package io.ringbreaker.cli;

import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.server.ApiKeyFile;
import io.ringbreaker.server.PolicyHome;
import io.ringbreaker.server.RingbreakerServer;
import io.ringbreaker.server.ServerConfig;
import io.ringbreaker.server.auth.FirstAdmin;
import io.ringbreaker.server.webhook.WebhookConfig;
import io.ringbreaker.server.webhook.WebhookSecretFile;
import io.ringbreaker.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Run the HTTP API on the store.",
    description = {"Runs the HTTP API: POST /v1/events, GET /v1/verdicts, GET /v1/hashtags, GET /v1/actions, GET /healthz,"
        + " GET /metrics.",
        "Requests need 'Authorization: Bearer <key>'; the first start creates a key and says where it is.",
        "People sign in at /login; the first start creates user admin and prints its password once.",
        "With --webhook-url, actions are POSTed to the platform, signed with the webhook secret; without it they",
        "only queue in the outbox (GET /v1/actions).",
        "The policy: --policy FILE, else the one last applied in the console (policy.yaml beside the SQLite file,",
        "or in the data dir), else the shipped default; an admin changes it at /admin/policy, which writes it back."})
final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOption storeOption;
  @Mixin ListOptions lists;
  @Mixin EvidenceOptions evidence;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}). The API carries verdicts about people: expose it with care.")
  String host;

  @Option(names = "--max-body", defaultValue = "16777216", paramLabel = "BYTES",
      description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--webhook-url", paramLabel = "URL",
      description = "Deliver actions by POST to this http(s) URL (default: none; actions only queue in the outbox).")
  Optional<String> webhookUrl = Optional.empty();

  @Option(names = "--webhook-secret-file", paramLabel = "FILE",
      description = "The shared secret that signs webhooks (default: <data-dir>/webhook-secret, created on first use).")
  Optional<Path> webhookSecretFile = Optional.empty();

  @Option(names = "--webhook-max-attempts", paramLabel = "N", defaultValue = "12",
      description = "Requests per action before it is marked failed (default: ${DEFAULT-VALUE}).")
  int webhookMaxAttempts;

  @Option(names = "--webhook-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Time for the platform to answer one webhook request (default: ${DEFAULT-VALUE}).")
  int webhookTimeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    Optional<URI> webhook = webhookUrl();
    Path secretFile = webhookSecretFile.orElse(WebhookSecretFile.path(storeOption.dataDir));
    Optional<WebhookConfig> webhookConfig = webhook.map(url -> webhookConfig(url, secretFile));
    var lexicon = lists.lexicon();
    var bank = lists.bank();
    Store store = storeOption.open();
    var key = ApiKeyFile.ensure(store.apiKeys(), storeOption.dataDir);
    var admin = FirstAdmin.ensure(store, storeOption.dataDir);
    var phrases = lists.phrases();
    lists.policy(); // an explicit policy file is checked before anything starts
    PolicyHome policyHome = new PolicyHome(storeOption.home(), lists.policyFile);
    DurablePipeline pipeline = DurablePipeline.open(store, lexicon, lists.banks(), bank, false);
    phrases.ifPresent(pipeline.engine()::phraseRules);
    try {
      policyHome.putInForce(pipeline, problem -> System.err.println("ringbreaker: " + problem));
    } catch (IllegalArgumentException e) {
      pipeline.close();
      store.close();
      throw new UserError(e.getMessage());
    }
    pipeline.engine().fetchMedia(lists.mediaFetcher());
    pipeline.start();
    var keeper = evidence.startKeeper(store, storeOption.home());
    RingbreakerServer server = startServer(pipeline, new ServerConfig(host, port, maxBody,
        ServerConfig.DEFAULT_MAX_EVENTS, storeOption.dataDir, webhookConfig, policyHome, Optional.of(keeper.keys())));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      keeper.close();
      pipeline.close();
      store.close();
    }));
    System.out.println("ringbreaker: serving " + server.url() + " (store: " + store.describe() + ", policy "
        + pipeline.engine().policyVersion() + " from " + policyHome.describe() + ")");
    System.out.println(key.createdKey().isPresent()
        ? "ringbreaker: created an API key, stored in " + key.file().toAbsolutePath()
        : "ringbreaker: API key in " + key.file().toAbsolutePath() + " (created on the first start)");
    admin.createdPassword().ifPresent(p -> System.out.println("ringbreaker: created console user " + FirstAdmin.NAME
        + " with password " + p + " (shown once; also in " + admin.file().toAbsolutePath() + ")"));
    System.out.println(webhook.isPresent()
        ? "ringbreaker: webhooks: delivering actions to " + webhook.get() + " (secret in " + secretFile.toAbsolutePath()
            + ")"
        : "ringbreaker: webhooks: off (no --webhook-url): actions queue in the outbox (GET /v1/actions), none is sent");
    Thread.currentThread().join();
    return 0;
  }

  /** Checked before anything opens, so a typo costs no start-up. */
  private Optional<URI> webhookUrl() {
    if (webhookUrl.isEmpty()) {
      if (webhookSecretFile.isPresent()) {
        throw new UserError("--webhook-secret-file needs --webhook-url");
      }
      return Optional.empty();
    }
    String raw = webhookUrl.get().strip();
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new UserError("--webhook-url: not a URL: '" + raw + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new UserError("--webhook-url: must be an http:// or https:// URL, got '" + raw + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new UserError("--webhook-url: no host in '" + raw + "'");
    }
    if (webhookMaxAttempts < 1) {
      throw new UserError("--webhook-max-attempts: must be 1 or more, got " + webhookMaxAttempts);
    }
    if (webhookTimeoutSeconds < 1) {
      throw new UserError("--webhook-timeout: must be 1 second or more, got " + webhookTimeoutSeconds);
    }
    return Optional.of(uri);
  }

  private WebhookConfig webhookConfig(URI url, Path secretFile) {
    byte[] secret;
    try {
      secret = webhookSecretFile.isPresent()
          ? WebhookSecretFile.read(secretFile)
          : WebhookSecretFile.ensure(storeOption.dataDir);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new UserError((webhookSecretFile.isPresent() ? "--webhook-secret-file: " : "") + e.getMessage());
    }
    return new WebhookConfig(url, secret, webhookMaxAttempts, Duration.ofSeconds(webhookTimeoutSeconds));
  }

  static RingbreakerServer startServer(DurablePipeline pipeline, ServerConfig config) {
    try {
      return RingbreakerServer.start(pipeline, config);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new UserError("cannot listen on " + config.host() + ":" + config.port() + " (" + root.getMessage() + ")");
    }
  }
}
