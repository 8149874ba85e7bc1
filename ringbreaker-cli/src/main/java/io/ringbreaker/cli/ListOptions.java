package io.ringbreaker.cli;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.lists.ListFormatException;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.LexiconTerm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --lexicon}, {@code --bank}, {@code --policy} and the rest: what the pipeline runs with, shared by the commands that run it. */
final class ListOptions {
  @Option(names = "--lexicon", paramLabel = "FILE",
      description = "Lexicon CSV with header term,category,state (state: watch, restricted, blocked, allowed). "
          + "May be given several times; added to the built-in list of publicly reported terms.")
  List<Path> lexiconFiles = new ArrayList<>();

  @Option(names = "--bank", paramLabel = "FILE",
      description = "Hash bank file: CSV with header signal_type,signal,label (types pdq, md5, sha256), hex lines "
          + "or an HMA/ThreatExchange CSV (see: ringbreaker bank --help); the bank is named after the file. "
          + "May be given several times.")
  List<Path> bankFiles = new ArrayList<>();

  @Option(names = "--allow-bank", paramLabel = "FILE",
      description = "An allow bank (known memes, known false positives), same formats as --bank: media that "
          + "matches it is never flagged by any bank. May be given several times.")
  List<Path> allowBankFiles = new ArrayList<>();

  @Option(names = "--fetch-media-from", paramLabel = "HOST",
      description = "Fetch http(s) media from this host (\".example.com\" for it and its subdomains) to hash it; "
          + "off unless given. Redirects are not followed. May be given several times.")
  List<String> fetchHosts = new ArrayList<>();

  @Option(names = "--fetch-max-bytes", defaultValue = "33554432", paramLabel = "BYTES",
      description = "Largest media item fetched (default: ${DEFAULT-VALUE}).")
  long fetchMaxBytes;

  @Option(names = "--fetch-timeout", defaultValue = "10s", paramLabel = "DURATION",
      description = "Longest a media fetch may take, e.g. 10s or 500ms (default: ${DEFAULT-VALUE}).")
  String fetchTimeout;

  /** The media fetcher, when --fetch-media-from names hosts. */
  java.util.Optional<io.ringbreaker.engine.MediaFetcher> mediaFetcher() {
    if (fetchHosts.isEmpty()) {
      return java.util.Optional.empty();
    }
    java.time.Duration timeout;
    String t = fetchTimeout.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      timeout = t.endsWith("ms") ? java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)))
          : java.time.Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    } catch (NumberFormatException e) {
      throw new UserError("--fetch-timeout: expected a duration like 10s or 500ms, got '" + fetchTimeout + "'");
    }
    try {
      return java.util.Optional.of(new io.ringbreaker.engine.MediaFetcher(fetchHosts, fetchMaxBytes, timeout));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  @Option(names = "--phrases", paramLabel = "FILE",
      description = "Trade-language rules CSV with header id,category,pattern (RE2 syntax, case-insensitive), "
          + "instead of the built-in ones; read again when the file changes.")
  java.util.Optional<Path> phrasesFile = java.util.Optional.empty();

  /** The operator's phrase rules, when given; a file that does not read is a usage error. */
  java.util.Optional<java.util.function.Supplier<io.ringbreaker.detect.trade.PhraseRules>> phrases() {
    return phrasesFile.map(p -> read(() -> new io.ringbreaker.detect.trade.PhraseRulesFile(readable(p, "phrases"),
        problem -> System.err.println("ringbreaker: " + problem))));
  }

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (YAML rules with CEL conditions) instead of the built-in default policy "
          + "(ringbreaker policy show prints it); serve reads it again when it changes.")
  java.util.Optional<Path> policyFile = java.util.Optional.empty();

  /** The operator's policy, when given; a file that does not read or check is a usage error naming each problem. */
  java.util.Optional<io.ringbreaker.policy.RulePolicy> policy() {
    return policyFile.map(p -> PolicyCommand.read(readable(p, "policy")));
  }

  List<LexiconTerm> lexicon() {
    List<LexiconTerm> out = new ArrayList<>();
    for (Path p : lexiconFiles) {
      out.addAll(read(() -> ListFiles.readLexicon(readable(p, "lexicon"))));
    }
    return out;
  }

  /** The entries of every --bank and --allow-bank file, each bank named after its file. */
  List<BankEntry> bank() {
    List<BankEntry> out = new ArrayList<>();
    for (Path p : bankFiles) {
      out.addAll(read(() -> ListFiles.readBank(readable(p, "bank"))));
    }
    for (Path p : allowBankFiles) {
      out.addAll(read(() -> ListFiles.readBank(readable(p, "allow bank"))));
    }
    return out;
  }

  /** Settings of the banks named by --allow-bank (the --bank ones take the defaults). */
  List<Bank> banks() {
    List<Bank> out = new ArrayList<>();
    for (Path p : allowBankFiles) {
      out.add(Bank.named(ListFiles.bankName(p)).withKind(Bank.Kind.ALLOW));
    }
    return out;
  }

  private static <T> T read(java.util.function.Supplier<T> r) {
    try {
      return r.get();
    } catch (ListFormatException e) {
      throw new UserError(e.getMessage());
    }
  }

  static Path readable(Path p, String what) {
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UserError("cannot read " + what + " file " + p + (Files.exists(p) ? "" : " (no such file)"));
    }
    return p;
  }
}
