package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ListsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void termsAreUpsertedAndTheirStateChanged(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      assertThat(lists.terms()).isEmpty();
      lists.upsertTerms(List.of(
          new LexiconTerm("zeta-term", "placeholder-b", TagState.WATCH),
          new LexiconTerm("alpha-term", "placeholder-a", TagState.BLOCKED)), "file:lexicon.csv");
      assertThat(lists.terms()).containsExactly(
          new LexiconTerm("alpha-term", "placeholder-a", TagState.BLOCKED),
          new LexiconTerm("zeta-term", "placeholder-b", TagState.WATCH));

      lists.setTermState("zeta-term", TagState.RESTRICTED);
      lists.upsertTerms(List.of(new LexiconTerm("alpha-term", "placeholder-c", TagState.ALLOWED),
          new LexiconTerm("mid-term", "placeholder-a", TagState.WATCH),
          new LexiconTerm("mid-term", "placeholder-a", TagState.BLOCKED)), "reviewer");
      assertThat(lists.terms()).containsExactly(
          new LexiconTerm("alpha-term", "placeholder-c", TagState.ALLOWED),
          new LexiconTerm("mid-term", "placeholder-a", TagState.BLOCKED),
          new LexiconTerm("zeta-term", "placeholder-b", TagState.RESTRICTED));

      assertThatThrownBy(() -> lists.setTermState("unlisted", TagState.BLOCKED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no lexicon term \"unlisted\"");
    }
  }

  private static final Instant ADDED = Instant.parse("2024-03-01T10:00:00Z");

  private static BankEntry entry(String bank, HashType type, char fill, String label) {
    return new BankEntry(bank, type, String.valueOf(fill).repeat(type.hexLength()), label, "file:test.txt", ADDED, true);
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void bankEntriesAreIdempotentAndCounted(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      BankEntry md5 = entry("bank-b", HashType.MD5, '0', "placeholder label");
      BankEntry pdq = entry("bank-a", HashType.PDQ, 'f', "placeholder label");
      BankEntry sha = entry("bank-a", HashType.SHA256, '1', "placeholder label");
      assertThat(lists.upsertBankEntries(List.of(md5, pdq, sha))).isEqualTo(new Lists.UpsertCount(3, 0, 0));
      long revision = lists.bankRevision();
      assertThat(lists.upsertBankEntries(List.of(md5, pdq, sha))).isEqualTo(new Lists.UpsertCount(0, 0, 3));
      assertThat(lists.bankRevision()).as("an identical re-import changes nothing").isEqualTo(revision);
      assertThat(lists.bankEntries()).containsExactly(pdq, sha, md5);

      BankEntry relabelled = entry("bank-b", HashType.MD5, '0', "new placeholder label");
      assertThat(lists.upsertBankEntries(List.of(relabelled, pdq))).isEqualTo(new Lists.UpsertCount(0, 1, 1));
      List<BankEntry> streamed = new ArrayList<>();
      lists.forEachBankEntry(streamed::add);
      assertThat(streamed).containsExactly(pdq, sha, relabelled);
      List<BankEntry> bankA = new ArrayList<>();
      lists.forEachBankEntry("bank-a", bankA::add);
      assertThat(bankA).containsExactly(pdq, sha);
      assertThat(lists.upsertBankEntries(List.of())).isEqualTo(new Lists.UpsertCount(0, 0, 0));
      // The same key twice in one call counts once, the last wins.
      assertThat(lists.upsertBankEntries(List.of(entry("bank-c", HashType.PDQ, 'a', "first"),
          entry("bank-c", HashType.PDQ, 'a', "second")))).isEqualTo(new Lists.UpsertCount(1, 0, 0));
      assertThat(lists.bankEntries()).hasSize(4).contains(entry("bank-c", HashType.PDQ, 'a', "second"));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void entriesOfAnUnknownBankCreateItWithDefaultsAndSettingsCanChange(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      assertThat(lists.banks()).isEmpty();
      assertThat(lists.bankRevision()).isZero();
      lists.upsertBankEntries(List.of(entry("known-media", HashType.PDQ, 'e', "x")));
      assertThat(lists.banks()).containsExactly(Bank.named("known-media"));

      Bank memes = new Bank("memes", Bank.Kind.ALLOW, 20, 70, true, "placeholder memes");
      lists.putBank(memes);
      lists.putBank(Bank.named("known-media").withPdqThreshold(12));
      assertThat(lists.banks()).containsExactly(Bank.named("known-media").withPdqThreshold(12), memes);
      assertThat(lists.bank("memes")).contains(memes);
      assertThat(lists.bank("absent")).isEmpty();

      long revision = lists.bankRevision();
      lists.putBank(memes);
      assertThat(lists.bankRevision()).as("unchanged settings").isEqualTo(revision);
      lists.putBank(memes.withEnabled(false));
      assertThat(lists.bankRevision()).isGreaterThan(revision);
      assertThat(lists.bank("memes")).contains(memes.withEnabled(false));
      // Entries of the bank keep their settings when more arrive.
      lists.upsertBankEntries(List.of(entry("memes", HashType.MD5, '2', "y")));
      assertThat(lists.bank("memes")).contains(memes.withEnabled(false));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aDisabledEntryStaysDisabledWhenReimportedUnlessTheImportSaysSo(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      BankEntry a = entry("bank-a", HashType.PDQ, 'a', "label");
      BankEntry b = entry("bank-a", HashType.PDQ, 'b', "label");
      lists.upsertBankEntries(List.of(a, b));

      assertThat(lists.setBankEntryEnabled("bank-a", HashType.PDQ, a.hash(), false)).isTrue();
      assertThat(lists.setBankEntryEnabled("bank-a", HashType.PDQ, a.hash(), false)).as("idempotent").isTrue();
      assertThat(lists.setBankEntryEnabled("bank-a", HashType.MD5, "a".repeat(32), false)).isFalse();
      assertThat(lists.setBankEntryEnabled("bank-z", HashType.PDQ, a.hash(), false)).isFalse();
      assertThat(lists.bankEntries()).containsExactly(a.withEnabled(false), b);

      assertThat(lists.upsertBankEntries(List.of(a, b))).isEqualTo(new Lists.UpsertCount(0, 0, 2));
      assertThat(lists.bankEntries()).containsExactly(a.withEnabled(false), b);
      assertThat(lists.bankEntryCounts()).containsExactly(new Lists.BankEntryCount("bank-a", HashType.PDQ, 1, 1));

      assertThat(lists.upsertBankEntries(List.of(a, b), true)).isEqualTo(new Lists.UpsertCount(0, 1, 1));
      assertThat(lists.bankEntries()).containsExactly(a, b);
      // A new entry given disabled is stored disabled.
      BankEntry c = entry("bank-b", HashType.MD5, 'c', "label").withEnabled(false);
      lists.upsertBankEntries(List.of(c));
      assertThat(lists.bankEntryCounts()).containsExactly(new Lists.BankEntryCount("bank-a", HashType.PDQ, 2, 0),
          new Lists.BankEntryCount("bank-b", HashType.MD5, 0, 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void theRevisionFeedDeliversWhatChangedInOrder(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      BankEntry a = entry("bank-a", HashType.PDQ, 'a', "label");
      BankEntry b = entry("bank-a", HashType.MD5, 'b', "label");
      List<BankEntry> seen = new ArrayList<>();
      assertThat(lists.forEachBankChangeSince(0, seen::add)).isZero();
      assertThat(seen).isEmpty();

      lists.upsertBankEntries(List.of(a, b));
      long first = lists.forEachBankChangeSince(0, seen::add);
      assertThat(first).isEqualTo(lists.bankRevision()).isPositive();
      assertThat(seen).containsExactlyInAnyOrder(a, b);

      seen.clear();
      assertThat(lists.forEachBankChangeSince(first, seen::add)).isEqualTo(first);
      assertThat(seen).isEmpty();

      lists.setBankEntryEnabled("bank-a", HashType.MD5, b.hash(), false);
      BankEntry c = entry("bank-b", HashType.SHA256, 'c', "label");
      lists.upsertBankEntries(List.of(c, a)); // a unchanged: not in the feed
      long second = lists.forEachBankChangeSince(first, seen::add);
      assertThat(seen).containsExactly(b.withEnabled(false), c);
      assertThat(second).isEqualTo(lists.bankRevision()).isGreaterThan(first);

      // A settings change moves the revision without entries.
      seen.clear();
      lists.putBank(Bank.named("bank-a").withQualityFloor(80));
      long third = lists.forEachBankChangeSince(second, seen::add);
      assertThat(seen).isEmpty();
      assertThat(third).isGreaterThan(second);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aVersion1DatabaseWithEntriesMigratesToBanks(Vendor vendor) throws java.sql.SQLException {
    String url;
    TestDatabases.PostgresSchema schema = null;
    if (vendor == Vendor.SQLITE) {
      url = TestDatabases.sqliteUrl(dir);
    } else {
      schema = TestDatabases.postgresSchema();
      url = schema.url();
    }
    try {
      Flyway v1 = Flyway.configure(getClass().getClassLoader()).dataSource(url, null, null)
          .locations("classpath:db/migration/" + (vendor == Vendor.SQLITE ? "sqlite" : "postgresql"))
          .target("1").loggers("slf4j").load();
      v1.migrate();
      try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
        s.execute("INSERT INTO bank_entries (bank, hash_type, hash, label) VALUES "
            + "('old-bank', 'pdq', '" + "d".repeat(64) + "', 'placeholder'), "
            + "('old-bank', 'md5', '" + "d".repeat(32) + "', 'placeholder'), "
            + "('other bank', 'md5', '" + "e".repeat(32) + "', 'placeholder')");
      }
      try (Store store = Store.open(url)) {
        Lists lists = store.lists();
        assertThat(lists.banks()).as("a bank row for each valid name").containsExactly(Bank.named("old-bank"));
        assertThat(lists.bankEntries()).containsExactly(
            new BankEntry("old-bank", HashType.MD5, "d".repeat(32), "placeholder", "", Instant.EPOCH, true),
            new BankEntry("old-bank", HashType.PDQ, "d".repeat(64), "placeholder", "", Instant.EPOCH, true),
            new BankEntry("other bank", HashType.MD5, "e".repeat(32), "placeholder", "", Instant.EPOCH, true));
        long revision = lists.bankRevision();
        assertThat(revision).isPositive();
        assertThat(lists.bankEntryCounts()).containsExactly(
            new Lists.BankEntryCount("old-bank", HashType.MD5, 1, 0),
            new Lists.BankEntryCount("old-bank", HashType.PDQ, 1, 0),
            new Lists.BankEntryCount("other bank", HashType.MD5, 1, 0));
        // Old entries re-imported are unchanged (they have no source yet: give none).
        assertThat(lists.upsertBankEntries(List.of(
            new BankEntry("old-bank", HashType.MD5, "d".repeat(32), "placeholder", "", ADDED, true))))
            .isEqualTo(new Lists.UpsertCount(0, 0, 1));
        BankEntry fresh = entry("old-bank", HashType.SHA256, '7', "new");
        lists.upsertBankEntries(List.of(fresh));
        List<BankEntry> changed = new ArrayList<>();
        lists.forEachBankChangeSince(revision, changed::add);
        assertThat(changed).containsExactly(fresh);
      }
    } finally {
      if (schema != null) {
        schema.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void addedTimesKeepMicroseconds(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Instant added = Instant.parse("2024-05-06T07:08:09.123456Z");
      BankEntry e = new BankEntry("bank-a", HashType.PDQ, "c".repeat(64), "", "reviewer", added, true);
      db.store.lists().upsertBankEntries(List.of(e));
      assertThat(db.store.lists().bankEntries()).containsExactly(e);
      assertThat(added.truncatedTo(ChronoUnit.MICROS)).isEqualTo(added);
    }
  }
}
