package io.ringbreaker.cli;

import io.ringbreaker.store.EvidenceItem;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "evidence", mixinStandardHelpOptions = true,
    header = "Preserved evidence: list, open, hold, release, delete, purge, rekey.",
    description = {"Evidence is what the policy or a person preserved about a subject: the events its",
        "signals came from, as the platform sent them, and its verdict then; sealed with AES-256-GCM",
        "(docs/operations.md#evidence), kept at least a year, longer under a legal hold."},
    subcommands = {EvidenceCommand.ListItems.class, EvidenceCommand.Open.class, EvidenceCommand.Hold.class,
        EvidenceCommand.Release.class, EvidenceCommand.Delete.class, EvidenceCommand.Purge.class,
        EvidenceCommand.Rekey.class, EvidenceCommand.Status.class})
final class EvidenceCommand {

  static String line(EvidenceItem i) {
    return String.format(Locale.ROOT, "%6d  %-8s %-24s %,9d B  preserved %s  kept until %s%s%s", i.id(), i.kind(),
        i.sourceId().length() > 24 ? i.sourceId().substring(0, 23) + "…" : i.sourceId(), i.size(), i.preservedAt(),
        i.retainUntil(), i.legalHold().map(h -> "  HELD: " + h).orElse(""),
        i.deletedAt().map(d -> "  DELETED " + d + ": " + i.deletedReason().orElse("")).orElse(""));
  }

  /** Every access to evidence is in the audit log, by the operating-system user who ran the command. */
  static void audit(Store store, String action, String target, String detail) {
    store.audit().append("cli:" + System.getProperty("user.name", "unknown"), action, target,
        io.ringbreaker.model.contract.ContractJson.write(io.ringbreaker.model.contract.ContractJson.mapper()
            .createObjectNode().put("detail", detail)));
  }

  static long id(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new UserError("an evidence item id is a number (see: ringbreaker evidence list TYPE:ID), got '" + s + "'");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, header = "The items preserved about a subject.")
  static final class ListItems implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Parameters(paramLabel = "TYPE:ID", description = "The subject, e.g. account:u40 or post:p9.")
    String subject;

    @Override
    public Integer call() {
      int colon = subject.indexOf(':');
      if (colon <= 0) {
        throw new UserError("a subject is TYPE:ID, e.g. account:u40, got '" + subject + "'");
      }
      try (Store store = storeOption.open()) {
        var items = store.evidence().items(subject.substring(0, colon), subject.substring(colon + 1));
        audit(store, "evidence.list", subject, items.size() + " item(s)");
        if (items.isEmpty()) {
          System.out.println("nothing preserved about " + subject);
        }
        items.forEach(i -> System.out.println(line(i)));
      }
      return 0;
    }
  }

  @Command(name = "open", mixinStandardHelpOptions = true,
      header = "Write an item's content (decrypted) to a file readable only by you.")
  static final class Open implements Callable<Integer> {
    @Mixin StoreOption storeOption;
    @Mixin EvidenceOptions evidence;

    @Parameters(paramLabel = "ID") String id;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (must not exist).")
    Path out;

    @Override
    public Integer call() throws IOException {
      try (Store store = storeOption.open()) {
        byte[] content = store.evidence().open(evidence.keys(storeOption.home()), id(id));
        io.ringbreaker.store.OwnerOnlyFile.create(out, content);
        audit(store, "evidence.open", "evidence:" + id, "written to " + out);
        System.out.println("wrote " + content.length + " bytes of evidence item " + id + " to " + out);
      } catch (StoreException e) {
        throw new UserError(e.getMessage());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new UserError(out + " exists; evidence is never written over a file");
      }
      return 0;
    }
  }

  @Command(name = "hold", mixinStandardHelpOptions = true, header = "Put an item under legal hold.")
  static final class Hold implements Callable<Integer> {
    @Mixin StoreOption storeOption;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--reason", required = true, description = "The request or case the hold is for.") String reason;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        if (!store.evidence().hold(id(id), reason)) {
          throw new UserError("no evidence item " + id + " that can be held (unknown or deleted)");
        }
        audit(store, "evidence.hold", "evidence:" + id, reason);
        System.out.println("evidence item " + id + " held: " + reason);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      return 0;
    }
  }

  @Command(name = "release", mixinStandardHelpOptions = true, header = "Lift an item's legal hold.")
  static final class Release implements Callable<Integer> {
    @Mixin StoreOption storeOption;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        if (!store.evidence().release(id(id))) {
          throw new UserError("evidence item " + id + " is not under a legal hold");
        }
        audit(store, "evidence.release", "evidence:" + id, "");
        System.out.println("evidence item " + id + " released from its hold");
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      header = "Delete an item's content on lawful request; the record of the deletion is kept.")
  static final class Delete implements Callable<Integer> {
    @Mixin StoreOption storeOption;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--reason", required = true, description = "The lawful request it answers.") String reason;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        if (!store.evidence().delete(id(id), reason, Instant.now())) {
          throw new UserError("no evidence item " + id + " to delete (unknown or already deleted)");
        }
        audit(store, "evidence.delete", "evidence:" + id, reason);
        System.out.println("evidence item " + id + " deleted: " + reason);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      return 0;
    }
  }

  @Command(name = "purge", mixinStandardHelpOptions = true,
      header = "Delete what is past its retention and not held (serve does this daily).")
  static final class Purge implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        System.out.println(store.evidence().purgeExpired(Instant.now()) + " item(s) past their retention deleted");
      }
      return 0;
    }
  }

  @Command(name = "rekey", mixinStandardHelpOptions = true,
      header = "Seal again with the key file's first key everything sealed with an older one.")
  static final class Rekey implements Callable<Integer> {
    @Mixin StoreOption storeOption;
    @Mixin EvidenceOptions evidence;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        var keys = evidence.keys(storeOption.home());
        System.out.println(store.evidence().rekey(keys) + " sealed copies now under key '" + keys.activeKeyId() + "'");
      } catch (StoreException e) {
        throw new UserError(e.getMessage());
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, header = "Counts: kept, held, deleted, requests pending.")
  static final class Status implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        store.evidence().counts().forEach((k, v) -> System.out.printf(Locale.ROOT, "%-17s %,d%n", k, v));
      }
      return 0;
    }
  }
}
