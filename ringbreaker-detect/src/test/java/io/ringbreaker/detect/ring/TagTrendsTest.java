package io.ringbreaker.detect.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.TagState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TagTrendsTest {
  static final Instant T0 = Instant.parse("2019-01-01T12:00:00Z");
  static final Predicate<String> LISTED = Set.of("listed")::contains;

  @Test
  void aTagUsedMostlyByFlaggedAccountsIsProposedWithItsEvidence() {
    TagTrends t = new TagTrends();
    Set<String> flagged = Set.of("r1", "r2", "r3", "r4", "r5");
    for (int day = 0; day < 14; day++) {
      Instant at = T0.plus(Duration.ofDays(day));
      for (int u = 0; u < 40; u++) {
        t.post(List.of("sunset", "coffee"), LISTED, "o" + u, false, false, at);
      }
      for (String r : flagged) {
        t.post(day < 7 ? List.of("listed", "sunset") : List.of("newtag", "sunset"), LISTED, r, true, false, at);
      }
    }
    List<TagTrends.Proposal> proposals = t.propose(flagged::contains, LISTED, T0.plus(Duration.ofDays(13)));
    assertThat(proposals).extracting(TagTrends.Proposal::tag).containsExactly("newtag");
    TagTrends.Proposal p = proposals.getFirst();
    assertThat(p.state()).isEqualTo(TagState.BLOCKED);
    assertThat(p.flaggedShare()).isEqualTo(1.0);
    assertThat(p.users()).isEqualTo(5);
    assertThat(p.growth()).as("new this week").isEqualTo(35.0);
    assertThat(p.reason()).contains("100% of its 5 users flagged");
    assertThat(t.proposal("sunset")).as("popular: flagged accounts use it, but so does everyone").isEmpty();
    assertThat(p.firstProposedAt()).isEqualTo(T0.plus(Duration.ofDays(13)));
  }

  @Test
  void aTagThatKeepsCompanyWithAListedTagIsProposedOnlyWhenItsUsersAreFlaggedToo() {
    TagTrends t = new TagTrends();
    for (int u = 0; u < 20; u++) {
      t.post(List.of("listed", "memes"), LISTED, "flooder" + u, false, true, T0);
      t.post(List.of("listed", "code"), LISTED, "r" + u, true, false, T0);
    }
    for (int u = 0; u < 200; u++) {
      t.post(List.of("lunch"), LISTED, "o" + u, false, false, T0);
    }
    List<TagTrends.Proposal> ps = t.propose(a -> a.startsWith("r"), LISTED, T0);
    assertThat(ps).extracting(TagTrends.Proposal::tag).containsExactly("code");
    assertThat(ps.getFirst().lift()).isGreaterThan(5);
    assertThat(ps.getFirst().coListedPosts()).isEqualTo(20);
  }

  @Test
  void aListedTagHasADaySeriesWithItsFloodAndFlaggedShares() {
    TagTrends t = new TagTrends();
    t.post(List.of("listed"), LISTED, "r1", true, false, T0);
    t.post(List.of("listed"), LISTED, "f1", false, true, T0.plusSeconds(60));
    t.post(List.of("listed"), LISTED, "f2", false, true, T0.plus(Duration.ofDays(1)));
    List<TagTrends.Day> days = t.series("listed");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).posts()).isEqualTo(2);
    assertThat(days.get(0).flaggedShare()).isEqualTo(0.5);
    assertThat(days.get(0).floodShare()).isEqualTo(0.5);
    assertThat(days.get(1).floodShare()).isEqualTo(1.0);
    assertThat(t.series("never")).isEmpty();
  }

  @Test
  void usersOfARareTagAreTiedToEachOther() {
    TagTrends t = new TagTrends();
    t.post(List.of("rare"), LISTED, "a", true, false, T0);
    assertThat(t.post(List.of("rare"), LISTED, "b", false, false, T0)).containsEntry("rare", List.of("a"));
    assertThat(t.post(List.of("rare"), LISTED, "b", false, false, T0)).isEmpty();
  }
}
