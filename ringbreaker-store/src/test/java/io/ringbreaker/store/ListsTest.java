package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.nio.file.Path;
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

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void bankEntriesAreIdempotent(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Lists lists = db.store.lists();
      BankEntry md5 = new BankEntry("bank-b", HashType.MD5, "0".repeat(32), "placeholder label");
      BankEntry pdq = new BankEntry("bank-a", HashType.PDQ, "f".repeat(64), "placeholder label");
      BankEntry sha = new BankEntry("bank-a", HashType.SHA256, "1".repeat(64), "placeholder label");
      lists.upsertBankEntries(List.of(md5, pdq, sha));
      lists.upsertBankEntries(List.of(md5, pdq, sha));
      assertThat(lists.bankEntries()).containsExactly(pdq, sha, md5);

      BankEntry relabelled = new BankEntry("bank-b", HashType.MD5, "0".repeat(32), "new placeholder label");
      lists.upsertBankEntries(List.of(relabelled));
      List<BankEntry> streamed = new ArrayList<>();
      lists.forEachBankEntry(streamed::add);
      assertThat(streamed).containsExactly(pdq, sha, relabelled);
      lists.upsertBankEntries(List.of());
      assertThat(lists.bankEntries()).hasSize(3);
    }
  }
}
