package io.ringbreaker.detect.ring;

import io.ringbreaker.model.TagState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Hashtags as a living thing: how each tag is used day by day, by whom, and beside which listed
 * tags; from that, the tags nobody listed yet that the rings have moved to (emerging tags),
 * proposed for a person to decide with the evidence: co-occurrence lift with listed tags, the
 * share of its users that are flagged, and its growth.
 *
 * <p>Every tag is counted; a tag is followed closely (its users and days) once it is listed, once a
 * flagged account uses it or once it appears beside a listed tag, so memory follows the tags that
 * matter, not all of a platform's tags.
 */
public final class TagTrends {

  /** Users kept per followed tag; a tag with more is popular, and its share is read from those kept. */
  static final int MAX_USERS = 512;
  /** Users of a rare unlisted tag are tied to each other until it has this many. */
  static final int TIE_USERS = 40;
  static final int MIN_USERS = 3;
  static final int MIN_POSTS = 5;
  static final double PROPOSE_SHARE = 0.6;
  static final double LIFT_PROPOSE = 5;
  static final double LIFT_SHARE = 0.5;

  /** One day of a followed tag (UTC days of event time). */
  public record Day(LocalDate day, long posts, long accounts, long flaggedAccounts, long floodPosts) {
    public double flaggedShare() {
      return accounts == 0 ? 0 : (double) flaggedAccounts / accounts;
    }

    public double floodShare() {
      return posts == 0 ? 0 : (double) floodPosts / posts;
    }
  }

  /** An unlisted tag proposed for a list, with the evidence for it. */
  public record Proposal(String tag, TagState state, long posts, int users, long coListedPosts, double lift,
                         double flaggedShare, double growth, Instant firstProposedAt) {
    public String reason() {
      return String.format(java.util.Locale.ROOT,
          "emerging: %.0f%% of its %d users flagged, %d of %d posts beside a listed tag (lift %.1f), growth %.1f× week on week",
          100 * flaggedShare, users, coListedPosts, posts, lift, growth);
    }
  }

  private final Map<String, Stat> tags = new HashMap<>();
  private final Map<String, Instant> firstProposed = new HashMap<>();
  private final Map<String, Proposal> proposals = new HashMap<>();
  private long taggedPosts;
  private long listedPosts;
  private final Set<String> unsaved = new LinkedHashSet<>();

  /**
   * Counts one post's tags. {@code listed}: which of them are on a list; {@code flagged}: whether
   * the author is flagged now; {@code flood}: whether the post is part of a flood. Returns, per
   * rare unlisted tag, the other users to tie the author to.
   */
  public Map<String, List<String>> post(List<String> postTags, Predicate<String> listed, String account,
      boolean flagged, boolean flood, Instant at) {
    if (postTags.isEmpty()) {
      return Map.of();
    }
    taggedPosts++;
    boolean coListed = false;
    for (String t : postTags) {
      if (listed.test(t)) {
        coListed = true;
        break;
      }
    }
    if (coListed) {
      listedPosts++;
    }
    Map<String, List<String>> ties = new HashMap<>();
    long day = at.getEpochSecond() / 86_400;
    for (String t : postTags) {
      Stat s = tags.computeIfAbsent(t, k -> new Stat());
      s.posts++;
      unsaved.add(t);
      boolean isListed = listed.test(t);
      boolean beside = !isListed && coListed;
      if (beside) {
        s.coListed++;
      }
      if (s.users == null && (isListed || flagged || beside)) {
        s.follow();
      }
      if (s.users == null) {
        continue;
      }
      s.listed = isListed;
      if (s.users.size() < MAX_USERS && s.users.add(account) && !isListed && s.users.size() <= TIE_USERS) {
        List<String> others = new ArrayList<>(s.users);
        others.remove(account);
        if (!others.isEmpty()) {
          ties.put(t, others);
        }
      }
      long[] d = s.days.computeIfAbsent(day, k -> new long[4]);
      if (s.today != day) {
        s.today = day;
        s.todayAccounts.clear();
      }
      d[0]++;
      if (s.todayAccounts.add(account)) {
        d[1]++;
        if (flagged) {
          d[2]++;
        }
      }
      if (flood) {
        d[3]++;
      }
    }
    return ties;
  }

  /**
   * Re-reads every followed unlisted tag against who is flagged now and returns the tags proposed
   * for a list, most flagged first. {@code listed} excludes tags on a list (allowed ones too).
   */
  public List<Proposal> propose(Predicate<String> flaggedNow, Predicate<String> listed, Instant now) {
    proposals.clear();
    double baseRate = taggedPosts == 0 ? 0 : (double) listedPosts / taggedPosts;
    long today = now.getEpochSecond() / 86_400;
    for (var e : tags.entrySet()) {
      String tag = e.getKey();
      Stat s = e.getValue();
      if (s.users == null || s.posts < MIN_POSTS || s.users.size() < MIN_USERS || listed.test(tag)) {
        continue;
      }
      long flagged = s.users.stream().filter(flaggedNow).count();
      double share = (double) flagged / s.users.size();
      double lift = baseRate == 0 ? 0 : ((double) s.coListed / s.posts) / baseRate;
      boolean propose = share >= PROPOSE_SHARE || (lift >= LIFT_PROPOSE && s.coListed >= MIN_POSTS && share >= LIFT_SHARE);
      if (!propose) {
        continue;
      }
      long recent = s.postsBetween(today - 6, today);
      long before = s.postsBetween(today - 13, today - 7);
      double growth = (double) recent / Math.max(1, before);
      TagState state = share >= 0.95 && s.users.size() >= 5 ? TagState.BLOCKED
          : share >= 0.8 ? TagState.RESTRICTED
          : TagState.WATCH;
      Instant first = firstProposed.computeIfAbsent(tag, k -> {
        unsaved.add(k);
        return now;
      });
      proposals.put(tag, new Proposal(tag, state, s.posts, s.users.size(), s.coListed, lift, share, growth, first));
    }
    List<Proposal> out = new ArrayList<>(proposals.values());
    out.sort(Comparator.comparingDouble(Proposal::flaggedShare).reversed().thenComparing(Proposal::tag));
    return out;
  }

  /** The proposal for {@code tag} as of the last {@link #propose}. */
  public Optional<Proposal> proposal(String tag) {
    return Optional.ofNullable(proposals.get(tag));
  }

  public List<Proposal> proposals() {
    List<Proposal> out = new ArrayList<>(proposals.values());
    out.sort(Comparator.comparing(Proposal::tag));
    return out;
  }

  /** The followed tag's days, oldest first (empty for a tag not followed). */
  public List<Day> series(String tag) {
    Stat s = tags.get(tag);
    if (s == null || s.users == null) {
      return List.of();
    }
    List<Day> out = new ArrayList<>(s.days.size());
    s.days.forEach((d, c) -> out.add(new Day(LocalDate.ofEpochDay(d), c[0], c[1], c[2], c[3])));
    return out;
  }

  /** Tags followed closely (with users and days). */
  public Set<String> followed() {
    Set<String> out = new LinkedHashSet<>();
    tags.forEach((t, s) -> {
      if (s.users != null) {
        out.add(t);
      }
    });
    return out;
  }

  public long posts(String tag) {
    Stat s = tags.get(tag);
    return s == null ? 0 : s.posts;
  }

  // ---- keeping it in a store ----------------------------------------------------------------

  /** A tag as kept in a store; {@code users} and {@code days} are empty for a tag only counted. */
  public record Saved(String tag, long posts, long coListed, boolean followed, List<String> users,
                      Map<Long, long[]> days, Optional<Instant> firstProposed) {}

  /** The totals lift is read against. */
  public record Totals(long taggedPosts, long listedPosts) {}

  /** Tags changed since the last call, which it clears. */
  public List<Saved> drainUnsaved() {
    List<Saved> out = new ArrayList<>(unsaved.size());
    for (String t : unsaved) {
      Stat s = tags.get(t);
      out.add(new Saved(t, s.posts, s.coListed, s.users != null,
          s.users == null ? List.of() : List.copyOf(s.users),
          s.days == null ? Map.of() : new TreeMap<>(s.days), Optional.ofNullable(firstProposed.get(t))));
    }
    unsaved.clear();
    return out;
  }

  public Totals totals() {
    return new Totals(taggedPosts, listedPosts);
  }

  public void restore(Saved saved) {
    Stat s = new Stat();
    s.posts = saved.posts();
    s.coListed = saved.coListed();
    if (saved.followed()) {
      s.follow();
      s.users.addAll(saved.users());
      saved.days().forEach((d, c) -> s.days.put(d, c.clone()));
    }
    tags.put(saved.tag(), s);
    saved.firstProposed().ifPresent(at -> firstProposed.put(saved.tag(), at));
  }

  public void restore(Totals totals) {
    taggedPosts = totals.taggedPosts();
    listedPosts = totals.listedPosts();
  }

  private static final class Stat {
    long posts;
    long coListed;
    boolean listed;
    Set<String> users;
    TreeMap<Long, long[]> days;
    long today = Long.MIN_VALUE;
    Set<String> todayAccounts;

    void follow() {
      users = new LinkedHashSet<>();
      days = new TreeMap<>();
      todayAccounts = new HashSet<>();
    }

    long postsBetween(long fromDay, long toDay) {
      long n = 0;
      for (long[] d : days.subMap(fromDay, true, toDay, true).values()) {
        n += d[0];
      }
      return n;
    }
  }
}
