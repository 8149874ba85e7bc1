package io.ringbreaker.detect.ring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of a platform and what ties them: follows, comments on each other's posts, messages
 * (by metadata: who wrote to whom, never what), tags few others use, and identities off the
 * platform seen from both (a folder, an app handle, a payment id, a known image). Each tie keeps a
 * weight per {@link TieKind} that halves every {@code halfLife} of event time, so recent ties count
 * more. Single-writer, like the engine that feeds it; compact enough for millions of accounts
 * (about 60 bytes a tie).
 */
public final class AccountGraph {

  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(30);
  /** An identity held by more accounts than this is common (a shop's PayPal), not a bond. */
  static final int IDENTITY_HOLDERS = 24;
  private static final int KINDS = TieKind.values().length;

  private final double decayPerSecond;

  private final Map<String, Integer> index = new HashMap<>();
  private String[] names = new String[1024];
  private long[] lastActive = new long[1024];
  private long[] firstSeen = new long[1024];
  private String[] lastTieEvent = new String[1024];
  private int[][] adjacent = new int[1024][];
  private int[] degree = new int[1024];
  private int accounts;

  private final LongIntMap tieIndex = new LongIntMap(1024);
  private int[] tieA = new int[1024];
  private int[] tieB = new int[1024];
  private float[] weights = new float[1024 * KINDS];
  private long[] tieAt = new long[1024];
  private int ties;

  private final Map<String, int[]> holders = new HashMap<>();
  private final Map<Integer, List<String>> identitiesOf = new HashMap<>();
  private final LongIntMap postAuthors = new LongIntMap(1024);

  private final BitSet changed = new BitSet();
  /** What a store has not yet been given: accounts, ties, identities (pairs) and posts. */
  private final BitSet unsavedAccounts = new BitSet();
  private final BitSet unsavedTies = new BitSet();
  private final List<String[]> unsavedIdentities = new ArrayList<>();
  private final List<Object[]> unsavedPosts = new ArrayList<>();

  public AccountGraph() {
    this(DEFAULT_HALF_LIFE);
  }

  public AccountGraph(Duration halfLife) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
    }
    this.decayPerSecond = Math.log(2) / halfLife.toSeconds();
  }

  // ---- writing ------------------------------------------------------------------------------

  /** The account did something at {@code at}: it is (still) active. */
  public void active(String account, Instant at) {
    int a = intern(account, at.getEpochSecond());
    if (at.getEpochSecond() > lastActive[a]) {
      lastActive[a] = at.getEpochSecond();
      unsavedAccounts.set(a);
    }
  }

  /** Strengthens the tie between {@code a} and {@code b} by one {@code kind} (scaled by {@code share}). */
  public void tie(String a, String b, TieKind kind, Instant at, String eventId, double share) {
    if (a.equals(b)) {
      return;
    }
    long t = at.getEpochSecond();
    int x = intern(a, t);
    int y = intern(b, t);
    int tie = tieOf(x, y, true);
    long last = tieAt[tie];
    int base = tie * KINDS;
    float add = (float) (kind.each * share);
    if (t >= last) {
      float f = (float) decay(t - last);
      for (int k = 0; k < KINDS; k++) {
        weights[base + k] *= f;
      }
      tieAt[tie] = t;
    } else {
      add *= (float) decay(last - t); // an event arriving late counts as old as it is
    }
    int k = base + kind.ordinal();
    weights[k] = Math.min(kind.cap, weights[k] + add);
    lastTieEvent[x] = eventId;
    lastTieEvent[y] = eventId;
    changed.set(x);
    changed.set(y);
    unsavedTies.set(tie);
    unsavedAccounts.set(x);
    unsavedAccounts.set(y);
  }

  /** Remembers who wrote a post, so a comment on it ties the commenter to the author. */
  public void post(String postId, String author, Instant at) {
    long key = postKey(postId);
    int a = intern(author, at.getEpochSecond());
    postAuthors.put(key, a);
    unsavedPosts.add(new Object[] {key, a});
  }

  public Optional<String> postAuthor(String postId) {
    int a = postAuthors.get(postKey(postId));
    return a < 0 ? Optional.empty() : Optional.of(names[a]);
  }

  /**
   * {@code account} showed {@code identity} (e.g. {@code contact.kik:name}). Ties it to the other
   * accounts that showed the same one, and returns them (none once the identity is common).
   */
  public List<String> identity(String account, String identity, Instant at, String eventId) {
    int a = intern(account, at.getEpochSecond());
    int[] held = holders.get(identity);
    if (held == null) {
      holders.put(identity, new int[] {a});
      identitiesOf.computeIfAbsent(a, k -> new ArrayList<>(2)).add(identity);
      unsavedIdentities.add(new String[] {identity, account});
      return List.of();
    }
    for (int h : held) {
      if (h == a) {
        return List.of();
      }
    }
    if (held.length >= IDENTITY_HOLDERS) {
      return List.of();
    }
    int[] grown = Arrays.copyOf(held, held.length + 1);
    grown[held.length] = a;
    holders.put(identity, grown);
    identitiesOf.computeIfAbsent(a, k -> new ArrayList<>(2)).add(identity);
    unsavedIdentities.add(new String[] {identity, account});
    List<String> others = new ArrayList<>(held.length);
    for (int h : held) {
      tie(account, names[h], TieKind.SHARED_IDENTITY, at, eventId, 1);
      others.add(names[h]);
    }
    return others;
  }

  // ---- reading ------------------------------------------------------------------------------

  public int accounts() {
    return accounts;
  }

  public int ties() {
    return ties;
  }

  /** The tie's strength at {@code now}: the sum of its kinds' decayed weights (0 when none). */
  public double strength(String a, String b, Instant now) {
    Integer x = index.get(a);
    Integer y = index.get(b);
    if (x == null || y == null) {
      return 0;
    }
    int tie = tieOf(x, y, false);
    return tie < 0 ? 0 : strength(tie, now.getEpochSecond());
  }

  /** The tie's weight of one kind at {@code now}. */
  public double weight(String a, String b, TieKind kind, Instant now) {
    Integer x = index.get(a);
    Integer y = index.get(b);
    if (x == null || y == null) {
      return 0;
    }
    int tie = tieOf(x, y, false);
    return tie < 0 ? 0 : weights[tie * KINDS + kind.ordinal()] * decay(now.getEpochSecond() - tieAt[tie]);
  }

  public Optional<Instant> lastActive(String account) {
    Integer a = index.get(account);
    return a == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastActive[a]));
  }

  public Optional<Instant> firstSeen(String account) {
    Integer a = index.get(account);
    return a == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(firstSeen[a]));
  }

  /** The identities this account showed, in the order first seen. */
  public List<String> identities(String account) {
    Integer a = index.get(account);
    return a == null ? List.of() : List.copyOf(identitiesOf.getOrDefault(a, List.of()));
  }

  /** Accounts that showed {@code identity} (at most {@link #IDENTITY_HOLDERS}). */
  public List<String> holders(String identity) {
    int[] held = holders.get(identity);
    if (held == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(held.length);
    for (int h : held) {
      out.add(names[h]);
    }
    return out;
  }

  /** The last event that tied this account to another: what a ring verdict points to. */
  public Optional<String> lastTieEvent(String account) {
    Integer a = index.get(account);
    return a == null ? Optional.empty() : Optional.ofNullable(lastTieEvent[a]);
  }

  /** Accounts whose ties changed since the last call, which it clears: where re-clustering looks. */
  public List<String> drainChanged() {
    List<String> out = new ArrayList<>(changed.cardinality());
    for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
      out.add(names[i]);
    }
    changed.clear();
    return out;
  }

  // ---- keeping it in a store ----------------------------------------------------------------

  /** Where {@link #drainUnsaved} hands what changed since it was last called. */
  public interface Sink {
    void account(String account, Instant firstSeen, Instant lastActive, Optional<String> lastTieEvent);

    /** {@code weights}: one per {@link TieKind}, in its order, as of {@code at}. */
    void tie(String a, String b, Instant at, float[] weights);

    void identity(String identity, String account);

    void post(long postKey, String author);
  }

  /** Hands {@code sink} every account, tie, identity and post changed or added since the last call. */
  public void drainUnsaved(Sink sink) {
    for (int a = unsavedAccounts.nextSetBit(0); a >= 0; a = unsavedAccounts.nextSetBit(a + 1)) {
      sink.account(names[a], Instant.ofEpochSecond(firstSeen[a]), Instant.ofEpochSecond(lastActive[a]),
          Optional.ofNullable(lastTieEvent[a]));
    }
    for (int t = unsavedTies.nextSetBit(0); t >= 0; t = unsavedTies.nextSetBit(t + 1)) {
      sink.tie(names[tieA[t]], names[tieB[t]], Instant.ofEpochSecond(tieAt[t]),
          Arrays.copyOfRange(weights, t * KINDS, t * KINDS + KINDS));
    }
    for (String[] i : unsavedIdentities) {
      sink.identity(i[0], i[1]);
    }
    for (Object[] p : unsavedPosts) {
      sink.post((Long) p[0], names[(Integer) p[1]]);
    }
    unsavedAccounts.clear();
    unsavedTies.clear();
    unsavedIdentities.clear();
    unsavedPosts.clear();
  }

  public void restoreAccount(String account, Instant firstSeen, Instant lastActive, Optional<String> lastTieEvent) {
    int a = intern(account, firstSeen.getEpochSecond());
    this.firstSeen[a] = firstSeen.getEpochSecond();
    this.lastActive[a] = lastActive.getEpochSecond();
    this.lastTieEvent[a] = lastTieEvent.orElse(null);
  }

  public void restoreTie(String a, String b, Instant at, float[] w) {
    if (w.length != KINDS) {
      throw new IllegalArgumentException("a tie has " + KINDS + " weights, got " + w.length);
    }
    int x = intern(a, at.getEpochSecond());
    int y = intern(b, at.getEpochSecond());
    int tie = tieOf(x, y, true);
    tieAt[tie] = at.getEpochSecond();
    System.arraycopy(w, 0, weights, tie * KINDS, KINDS);
  }

  public void restoreIdentity(String identity, String account) {
    int a = intern(account, 0);
    int[] held = holders.get(identity);
    int[] grown = held == null ? new int[] {a} : Arrays.copyOf(held, held.length + 1);
    grown[grown.length - 1] = a;
    holders.put(identity, grown);
    identitiesOf.computeIfAbsent(a, k -> new ArrayList<>(2)).add(identity);
  }

  public void restorePost(long postKey, String author) {
    postAuthors.put(postKey, intern(author, 0));
  }

  /** Restored state is saved already and not yet changed: nothing to hand a store or re-cluster. */
  public void restored() {
    unsavedAccounts.clear();
    unsavedTies.clear();
    unsavedIdentities.clear();
    unsavedPosts.clear();
  }

  // ---- for the ring finder ------------------------------------------------------------------

  int id(String account) {
    Integer a = index.get(account);
    return a == null ? -1 : a;
  }

  String name(int account) {
    return names[account];
  }

  int degree(int account) {
    return degree[account];
  }

  /** The other end of the {@code i}-th tie of {@code account}. */
  int neighbour(int account, int i) {
    int tie = adjacent[account][i];
    return tieA[tie] == account ? tieB[tie] : tieA[tie];
  }

  double strength(int account, int i, long now) {
    return strength(adjacent[account][i], now);
  }

  /** Each kind's weight of the {@code i}-th tie of {@code account} at {@code now}, added to {@code into}. */
  void addKinds(int account, int i, long now, double[] into) {
    int tie = adjacent[account][i];
    double f = decay(now - tieAt[tie]);
    for (int k = 0; k < KINDS; k++) {
      into[k] += weights[tie * KINDS + k] * f;
    }
  }

  /** Every tie's strength at {@code now}, summed: how much this account is tied at all. */
  double totalStrength(int account, long now) {
    double sum = 0;
    for (int i = 0; i < degree[account]; i++) {
      sum += strength(adjacent[account][i], now);
    }
    return sum;
  }

  // ---- internals ----------------------------------------------------------------------------

  private double strength(int tie, long now) {
    int base = tie * KINDS;
    double sum = 0;
    for (int k = 0; k < KINDS; k++) {
      sum += weights[base + k];
    }
    return now <= tieAt[tie] ? sum : sum * decay(now - tieAt[tie]);
  }

  private double decay(long seconds) {
    return Math.exp(-decayPerSecond * seconds);
  }

  private int intern(String account, long at) {
    Integer known = index.get(account);
    if (known != null) {
      return known;
    }
    int a = accounts++;
    if (a == names.length) {
      int n = names.length * 2;
      names = Arrays.copyOf(names, n);
      lastActive = Arrays.copyOf(lastActive, n);
      firstSeen = Arrays.copyOf(firstSeen, n);
      lastTieEvent = Arrays.copyOf(lastTieEvent, n);
      adjacent = Arrays.copyOf(adjacent, n);
      degree = Arrays.copyOf(degree, n);
    }
    names[a] = account;
    firstSeen[a] = at;
    lastActive[a] = at;
    index.put(account, a);
    return a;
  }

  private int tieOf(int x, int y, boolean create) {
    long key = x < y ? ((long) x << 32) | y : ((long) y << 32) | x;
    int tie = tieIndex.get(key);
    if (tie >= 0 || !create) {
      return tie;
    }
    tie = ties++;
    if (tie == tieA.length) {
      int n = tieA.length * 2;
      tieA = Arrays.copyOf(tieA, n);
      tieB = Arrays.copyOf(tieB, n);
      tieAt = Arrays.copyOf(tieAt, n);
      weights = Arrays.copyOf(weights, n * KINDS);
    }
    tieA[tie] = x;
    tieB[tie] = y;
    tieIndex.put(key, tie);
    link(x, tie);
    link(y, tie);
    return tie;
  }

  private void link(int account, int tie) {
    int[] adj = adjacent[account];
    int d = degree[account];
    if (adj == null) {
      adj = new int[4];
    } else if (d == adj.length) {
      adj = Arrays.copyOf(adj, d * 2);
    }
    adj[d] = tie;
    adjacent[account] = adj;
    degree[account] = d + 1;
  }

  /** A post id's 63-bit hash: collisions among a platform's posts are too rare to matter here. */
  private static long postKey(String postId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < postId.length(); i++) {
      h ^= postId.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 32;
    return h & Long.MAX_VALUE;
  }
}
