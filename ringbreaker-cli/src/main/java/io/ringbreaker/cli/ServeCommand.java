package io.ringbreaker.cli;

import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.server.ApiKeyFile;
import io.ringbreaker.server.RingbreakerServer;
import io.ringbreaker.server.ServerConfig;
import io.ringbreaker.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Run the HTTP API on the store.",
    description = {"Runs the HTTP API: POST /v1/events, GET /v1/verdicts, GET /v1/hashtags, GET /healthz, GET /metrics.",
        "Requests need 'Authorization: Bearer <key>'; the first start creates a key and says where it is."})
final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOption storeOption;
  @Mixin ListOptions lists;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}). The API carries verdicts about people: expose it with care.")
  String host;

  @Option(names = "--max-body", defaultValue = "16777216", paramLabel = "BYTES",
      description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Override
  public Integer call() throws InterruptedException {
    var lexicon = lists.lexicon();
    var bank = lists.bank();
    Store store = storeOption.open();
    var key = ApiKeyFile.ensure(store.apiKeys(), storeOption.dataDir);
    var phrases = lists.phrases();
    var policy = lists.policy();
    DurablePipeline pipeline = DurablePipeline.open(store, lexicon, lists.banks(), bank, false);
    phrases.ifPresent(pipeline.engine()::phraseRules);
    if (policy.isPresent() && !policy.get().version().equals(pipeline.engine().policyVersion())) {
      pipeline.change(e -> e.policy(policy.get())).join();
    }
    lists.policyFile.ifPresent(f -> pipeline.followPolicy(f, problem -> System.err.println("ringbreaker: " + problem)));
    pipeline.engine().fetchMedia(lists.mediaFetcher());
    pipeline.start();
    RingbreakerServer server = startServer(pipeline, new ServerConfig(host, port, maxBody,
        ServerConfig.DEFAULT_MAX_EVENTS, storeOption.dataDir));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      pipeline.close();
      store.close();
    }));
    System.out.println("ringbreaker: serving " + server.url() + " (store: " + store.describe() + ", policy "
        + pipeline.engine().policyVersion() + ")");
    System.out.println(key.createdKey().isPresent()
        ? "ringbreaker: created an API key, stored in " + key.file().toAbsolutePath()
        : "ringbreaker: API key in " + key.file().toAbsolutePath() + " (created on the first start)");
    Thread.currentThread().join();
    return 0;
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
