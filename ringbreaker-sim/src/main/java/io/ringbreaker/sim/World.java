package io.ringbreaker.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The planned scenario of one config: every account with its role and traces, the groups they
 * talk in, and the timeline (restriction, flood, suspensions, returns). Small, computed up front;
 * the events themselves are generated day by day from it ({@link DayGenerator}). Read-only once
 * built.
 */
final class World {
  static final long DAY = 86_400L;

  final SimConfig cfg;
  final long seed;
  final long start;
  final int days;
  final Actor[] actors;
  /** Ordinary and flooder actors, in groups that mostly follow and talk among themselves. */
  final int[][] communities;
  final int[][] cardGroups;
  final int[][] docTeams;
  /** Every ordinary and flooder actor: the "anyone" of random picks. */
  final int[] population;
  final RingPlan[] rings;
  final String[] disguises;
  final List<Truth.Disguise> disguiseList;
  final int restrictionDay;
  final long restrictionAt;
  final int floodStart;
  final int floodEnd;
  final String[] memeBase;
  final List<Suspended> suspensions = new ArrayList<>();
  final List<Truth.KnownMedia> knownMedia = new ArrayList<>();

  /** One account of the scenario. Fields are set while the world is planned and never after. */
  static final class Actor {
    int index;
    String id;
    String handle;
    String displayName;
    Optional<String> bio = Optional.empty();
    List<String> links = List.of();
    Truth.Role role;
    int ring = -1;
    /** Community, card group or document team. */
    int group = -1;
    int posInGroup;
    boolean messagingOnly;
    boolean sharer;
    double activity = 1;
    long joinAt;
    long createdAt;
    long suspendedAt = Long.MAX_VALUE;
    int initialFollows;
    int replaces = -1;
    // Traces off the platform (ring members, evaders, card traders).
    String kik;
    String telegram;
    String whatsapp;
    String snapchat;
    String paypal;
    String cashapp;
    String btc;
    String[] folders = new String[0];
    String laterBio;
    int bioUpdateDay = -1;
    // An evader: how it evades, and whom it follows again when it does not follow the ring in a burst.
    Evasion evasion;
    boolean burst = true;
    int[] reconnectTo = new int[0];
    long[] reconnectAt = new long[0];

    boolean activeAt(long t) {
      return t > joinAt && t < suspendedAt;
    }

    /** The kind ({@code kik}…) of the handle {@link #appHandleText} writes; empty when it has none. */
    String appHandleKind() {
      return kik != null ? "kik" : telegram != null ? "telegram" : whatsapp != null ? "whatsapp"
          : snapchat != null ? "snapchat" : "";
    }

    /** The kind of the payment id {@link #paymentText} writes; empty when it has none. */
    String paymentKind() {
      return paypal != null ? "paypal" : cashapp != null ? "cashapp" : btc != null ? "btc" : "";
    }

    /** The first handle on another app this account writes in bios, as it is written. */
    String appHandleText() {
      if (kik != null) {
        return "kik: " + kik;
      }
      if (telegram != null) {
        return "tg @" + telegram;
      }
      if (whatsapp != null) {
        return whatsapp;
      }
      return snapchat == null ? "" : "snap: " + snapchat;
    }

    String paymentText() {
      if (paypal != null) {
        return paypal;
      }
      if (cashapp != null) {
        return "Cash App " + cashapp;
      }
      return btc == null ? "" : "btc " + btc;
    }

    List<Truth.Identity> identities() {
      List<Truth.Identity> out = new ArrayList<>();
      if (kik != null) out.add(new Truth.Identity("kik", kik));
      if (telegram != null) out.add(new Truth.Identity("telegram", telegram));
      if (whatsapp != null) out.add(new Truth.Identity("whatsapp", whatsapp));
      if (snapchat != null) out.add(new Truth.Identity("snapchat", snapchat));
      if (paypal != null) out.add(new Truth.Identity("paypal", paypal));
      if (cashapp != null) out.add(new Truth.Identity("cashapp", cashapp));
      if (btc != null) out.add(new Truth.Identity("btc", btc));
      for (String f : folders) {
        out.add(new Truth.Identity("folder", f));
      }
      return out;
    }
  }

  static final class RingPlan {
    int index;
    String id;
    /** Members, evaders included (in the order they join). */
    int[] members;
    String emergingTag;
    int emergingDay = Integer.MAX_VALUE;
    String groupConversation;
    Truth.KnownMedia[] known;
  }

  /**
   * What a returning member reuses of the suspended account, so that what links an evader to its
   * old account differs from one evader to the next: the same app handle in the bio; one old folder
   * link in messages (no handle in the bio); the old payment id; the ring's known media; or, as
   * the bluntest do, everything at once with "new acc, same …" in the bio.
   */
  enum Evasion {
    HANDLE, FOLDER, PAYMENT, MEDIA, ALL
  }

  /** {@code reused}: what the evader, when there is one, reuses (identity kinds, or {@code media}). */
  record Suspended(int actor, int ring, long at, int evader, long returnedAt, List<String> reused) {}

  World(SimConfig cfg) {
    this.cfg = cfg;
    this.seed = cfg.seed();
    this.start = cfg.start().getEpochSecond();
    this.days = cfg.days();
    this.restrictionDay = days == 1 ? 0 : Math.max(1, days / 3);
    Rng tl = Rng.of(seed, "timeline", 0);
    this.restrictionAt = dayStart(restrictionDay) + 14 * 3600 + tl.nextInt(2 * 3600);
    this.floodStart = Math.max(0, restrictionDay - 1);
    this.floodEnd = Math.min(days - 1, restrictionDay + Math.max(3, days / 4));
    this.disguiseList = Disguises.of(Texts.LISTED_TAG, seed);
    this.disguises = disguiseList.stream().map(Truth.Disguise::spelling).toArray(String[]::new);
    this.memeBase = new String[3];
    for (int i = 0; i < memeBase.length; i++) {
      memeBase[i] = tl.hex(64);
    }

    int n = cfg.ordinaryAccounts();
    int flooders = Math.max(3, (int) Math.round(0.08 * n));
    int cards = Math.max(4, (int) Math.round(0.03 * n));
    int docs = Math.max(5, (int) Math.round(0.03 * n));
    int ordinary = n - flooders - cards - docs;
    int[] ringSizes = ringSizes(cfg);
    int ringTotal = Arrays.stream(ringSizes).sum();
    int evaderCapacity = 0;
    for (int s : ringSizes) {
      evaderCapacity += suspensionsPerRing(s);
    }

    List<Actor> all = new ArrayList<>(n + ringTotal + evaderCapacity);
    Rng people = Rng.of(seed, "people", 0);
    Set<String> handles = new HashSet<>();
    for (int i = 0; i < n + ringTotal; i++) {
      Actor a = new Actor();
      a.index = i;
      a.role = i < ordinary ? Truth.Role.ORDINARY
          : i < ordinary + flooders ? Truth.Role.FLOODER
          : i < ordinary + flooders + cards ? Truth.Role.LOOKALIKE_CARDS
          : i < n ? Truth.Role.LOOKALIKE_DOCS
          : Truth.Role.RING;
      a.handle = handle(people, handles);
      a.displayName = people.pick(Texts.FIRST) + (people.chance(0.5) ? " " + people.pick(Texts.LAST_INITIAL) : "");
      a.activity = Math.min(5, 0.2 + 0.8 * -Math.log(1 - people.nextDouble()));
      a.createdAt = start - DAY - people.nextInt((int) (4 * 365 * DAY));
      a.initialFollows = people.between(4, 14);
      all.add(a);
    }
    // Ids: a shuffled numbering, so an id says nothing about a role.
    int[] perm = new int[n + ringTotal];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i + 1;
    }
    people.shuffle(perm);
    for (int i = 0; i < perm.length; i++) {
      all.get(i).id = "u" + perm[i];
      // Initial profiles are announced over the first six hours of day 0, in id order.
      all.get(i).joinAt = start + (perm[i] - 1) * (6 * 3600L) / perm.length;
    }

    // Groups: communities of ordinary users and flooders, card traders, document teams.
    int[] pop = new int[ordinary + flooders];
    for (int i = 0; i < pop.length; i++) {
      pop[i] = i;
    }
    Rng groups = Rng.of(seed, "groups", 0);
    groups.shuffle(pop);
    this.population = pop.clone();
    Arrays.sort(population);
    this.communities = chunk(pop, groups, 20, 50, all);
    this.cardGroups = chunk(range(ordinary + flooders, cards), groups, 25, 25, all);
    this.docTeams = chunk(range(ordinary + flooders + cards, docs), groups, 5, 8, all);

    for (Actor a : all) {
      if (a.role != Truth.Role.RING) {
        ordinaryProfile(a, people);
      }
    }

    // Rings.
    this.rings = new RingPlan[ringSizes.length];
    Rng ringRng = Rng.of(seed, "rings", 0);
    List<String> emergingNames = emergingNames(ringRng, ringSizes.length);
    int next = n;
    int label = 1;
    for (int r = 0; r < ringSizes.length; r++) {
      RingPlan p = new RingPlan();
      p.index = r;
      p.id = "ring-" + (r + 1);
      p.emergingTag = emergingNames.get(r);
      int ed = restrictionDay + 1 + (r % 3);
      p.emergingDay = ed < days && restrictionDay + 1 < days ? ed : Integer.MAX_VALUE;
      p.groupConversation = "k" + Long.toHexString(Rng.mix(seed ^ (0x5151L + r)) >>> 12);
      p.known = new Truth.KnownMedia[4];
      for (int k = 0; k < p.known.length; k++) {
        p.known[k] = new Truth.KnownMedia("synthetic-known-" + label++, p.id, ringRng.hex(64), ringRng.hex(32),
            ringRng.hex(64));
        knownMedia.add(p.known[k]);
      }
      p.members = new int[ringSizes[r]];
      int messagingOnly = Math.max(1, ringSizes[r] / 4);
      for (int m = 0; m < ringSizes[r]; m++) {
        Actor a = all.get(next);
        p.members[m] = next++;
        a.ring = r;
        a.messagingOnly = m >= ringSizes[r] - messagingOnly;
        a.sharer = m % 2 == 1 || (a.messagingOnly && m == ringSizes[r] - 1);
        a.createdAt = start - DAY - ringRng.nextInt((int) (300 * DAY));
        traces(a, ringRng);
        ringProfile(a, p, ringRng);
      }
      rings[r] = p;
    }

    // Suspensions and returns. The ways of evading and of reconnecting take turns from a point
    // drawn from the seed, so a scenario with a few returns has most kinds and a few seeds have all.
    Rng enf = Rng.of(seed, "enforcement", 0);
    Rng ev = Rng.of(seed, "evasion", 0);
    Evasion[] ways = Evasion.values();
    int wayOffset = ev.nextInt(ways.length);
    int burstOffset = ev.nextInt(2);
    int returns = 0;
    for (RingPlan p : rings) {
      int[] posting = Arrays.stream(p.members).filter(i -> !all.get(i).messagingOnly).toArray();
      enf.shuffle(posting);
      int count = Math.min(posting.length, suspensionsPerRing(p.members.length));
      Set<Integer> goes = new HashSet<>();
      for (int k = 0; k < count; k++) {
        goes.add(posting[k]);
      }
      for (int k = 0; k < count; k++) {
        int day = restrictionDay + 2 + 2 * k + p.index % 3;
        if (day >= days) {
          break;
        }
        Actor gone = all.get(posting[k]);
        gone.suspendedAt = dayStart(day) + 9 * 3600 + enf.nextInt(10 * 3600);
        int back = day + enf.between(2, 4);
        int evader = -1;
        long returnedAt = -1;
        List<String> reused = List.of();
        if (back < days) {
          Actor e = evader(gone, p, all.size(), enf, handles);
          e.joinAt = dayStart(back) + 7 * 3600 + enf.nextInt(12 * 3600);
          e.createdAt = e.joinAt;
          reused = evade(e, gone, p, ways[(wayOffset + returns) % ways.length], ev);
          e.burst = (burstOffset + returns) % 2 == 0;
          if (!e.burst) {
            reconnectSlowly(e, p, back, goes, ev);
          }
          returns++;
          all.add(e);
          p.members = Arrays.copyOf(p.members, p.members.length + 1);
          p.members[p.members.length - 1] = e.index;
          evader = e.index;
          returnedAt = e.joinAt;
        }
        suspensions.add(new Suspended(gone.index, p.index, gone.suspendedAt, evader, returnedAt, reused));
      }
    }
    this.actors = all.toArray(new Actor[0]);
  }

  long dayStart(int day) {
    return start + day * DAY;
  }

  static int[] ringSizes(SimConfig cfg) {
    double[] shares = {1.0, 0.6, 0.75, 0.5, 0.9, 0.4, 0.8, 0.65};
    int[] sizes = new int[cfg.rings()];
    for (int r = 0; r < sizes.length; r++) {
      sizes[r] = Math.max(3, (int) Math.round(cfg.ringSize() * shares[r % shares.length]));
    }
    return sizes;
  }

  static int suspensionsPerRing(int size) {
    return Math.max(1, size / 6);
  }

  private static int[] range(int from, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = from + i;
    }
    return out;
  }

  /** Cuts {@code members} into groups of {@code min}..{@code max}; a short tail joins the last group. */
  private static int[][] chunk(int[] members, Rng r, int min, int max, List<Actor> all) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < members.length) {
      int size = r.between(min, max);
      if (members.length - i - size < min) {
        size = members.length - i;
      }
      out.add(Arrays.copyOfRange(members, i, i + size));
      i += size;
    }
    int[][] groups = out.toArray(new int[0][]);
    for (int g = 0; g < groups.length; g++) {
      for (int p = 0; p < groups[g].length; p++) {
        Actor a = all.get(groups[g][p]);
        a.group = g;
        a.posInGroup = p;
      }
    }
    return groups;
  }

  private static String handle(Rng r, Set<String> taken) {
    while (true) {
      String sep = switch (r.nextInt(3)) {
        case 0 -> ".";
        case 1 -> "_";
        default -> "";
      };
      String h = r.pick(Texts.HANDLE_A) + sep + r.pick(Texts.HANDLE_B) + (r.chance(0.6) ? r.between(1, 999) : "");
      if (taken.add(h)) {
        return h;
      }
    }
  }

  private void ordinaryProfile(Actor a, Rng r) {
    switch (a.role) {
      case LOOKALIKE_CARDS -> {
        a.paypal = OffPlatform.paypal(r);
        StringBuilder bio = new StringBuilder(r.pick(Texts.CARD_BIO)).append(" · ").append(a.paypal)
            .append(" for payment · serious traders only");
        if (r.chance(0.3)) {
          a.telegram = OffPlatform.appName(r);
          bio.append(" · tg @").append(a.telegram);
        }
        a.bio = Optional.of(bio.toString());
      }
      case LOOKALIKE_DOCS -> a.bio = Optional.of("notes and files for " + r.pick(Texts.DOC_ORGS));
      default -> {
        a.bio = r.chance(0.9) ? Optional.of(r.pick(Texts.BIOS)) : Optional.empty();
        if (r.chance(0.05)) {
          a.links = List.of("https://" + a.handle.replace('.', '-').replace('_', '-') + ".example.com");
        }
      }
    }
  }

  /** Handles on other apps, folders and payment ids of a ring member. */
  private static void traces(Actor a, Rng r) {
    int apps = 0;
    if (r.chance(0.6)) {
      a.kik = OffPlatform.appName(r);
      apps++;
    }
    if (r.chance(0.35)) {
      a.telegram = OffPlatform.appName(r);
      apps++;
    }
    if (r.chance(0.2)) {
      a.whatsapp = "wa.me/" + OffPlatform.fictionalPhone(r);
      apps++;
    }
    if (apps == 0 || r.chance(0.15)) {
      a.snapchat = OffPlatform.appName(r);
    }
    a.folders = new String[r.between(1, 3)];
    for (int i = 0; i < a.folders.length; i++) {
      a.folders[i] = OffPlatform.anyFolder(r);
    }
    switch (r.nextInt(5)) {
      case 0 -> a.paypal = OffPlatform.paypal(r);
      case 1 -> a.cashapp = OffPlatform.cashtag(r);
      case 2, 3 -> a.btc = OffPlatform.bitcoin(r);
      default -> { } // no payment id
    }
  }

  private void ringProfile(Actor a, RingPlan p, Rng r) {
    if (!a.messagingOnly && r.chance(0.5)) {
      // Payment ids in bios, as in 2019: those who take money say where.
      String pay = a.paymentText();
      a.bio = Optional.of(r.pick(Texts.RING_BIO_PREFIX) + " · " + a.appHandleText() + (pay.isEmpty() ? "" : " · " + pay));
    } else {
      a.bio = r.chance(0.6) ? Optional.of(r.pick(Texts.BIOS)) : Optional.empty();
    }
    // After the restriction, posting members move to bios: handles, payment and the new tag.
    if (!a.messagingOnly && p.emergingDay != Integer.MAX_VALUE) {
      int day = p.emergingDay + r.nextInt(3);
      if (day < days) {
        a.bioUpdateDay = day;
        a.laterBio = laterBio(a, p, r);
      }
    }
  }

  private static String laterBio(Actor a, RingPlan p, Rng r) {
    StringBuilder sb = new StringBuilder(r.pick(Texts.RING_BIO_PREFIX)).append(" | ").append(a.appHandleText());
    String pay = a.paymentText();
    if (!pay.isEmpty()) {
      sb.append(" | ").append(pay);
    }
    return sb.append(" | #").append(p.emergingTag).toString();
  }

  /** The account a suspended member comes back as: new id and handle; its traces come from {@link #evade}. */
  private static Actor evader(Actor gone, RingPlan p, int index, Rng r, Set<String> handles) {
    Actor e = new Actor();
    e.index = index;
    e.id = "u" + (index + 1); // after every initial account: a new account has a newer id
    e.handle = handle(r, handles);
    e.displayName = r.pick(Texts.FIRST);
    e.role = Truth.Role.EVADER;
    e.ring = p.index;
    e.replaces = gone.index;
    e.initialFollows = 0;
    return e;
  }

  /**
   * Gives the evader its traces and bio for {@code way}, and returns what it reuses of the
   * suspended account, each item sure to show in its profile or its first message (see
   * {@code DayGenerator.evaderReturns}). Apart from {@link Evasion#ALL}, an evader has new traces
   * besides the reused one: a new account does not start from nothing.
   */
  private static List<String> evade(Actor e, Actor gone, RingPlan p, Evasion way, Rng r) {
    // An evader can only be seen reusing what the old account showed: a payment id its bio carried,
    // media it shared. Otherwise it reuses a folder, which every member trades in messages.
    if (way == Evasion.PAYMENT && (gone.paymentKind().isEmpty()
        || gone.bio.filter(b -> b.contains(gone.paymentText())).isEmpty())) {
      way = Evasion.FOLDER;
    }
    if (way == Evasion.MEDIA && (p.known.length == 0 || !gone.sharer)) {
      way = Evasion.FOLDER;
    }
    e.evasion = way;
    if (way == Evasion.ALL) {
      e.kik = gone.kik;
      e.telegram = gone.telegram;
      e.whatsapp = gone.whatsapp;
      e.snapchat = gone.snapchat;
      e.paypal = gone.paypal;
      e.cashapp = gone.cashapp;
      e.btc = gone.btc;
      e.folders = gone.folders;
      e.sharer = gone.sharer;
      StringBuilder bio = new StringBuilder("new acc, same ").append(e.appHandleText());
      List<String> reused = new ArrayList<>();
      if (!e.appHandleKind().isEmpty()) {
        reused.add(e.appHandleKind());
      }
      if (!e.paymentKind().isEmpty()) {
        bio.append(" · ").append(e.paymentText());
        reused.add(e.paymentKind());
      }
      e.bio = Optional.of(bio.toString());
      reused.add("folder");
      if (e.sharer) {
        reused.add("media");
      }
      return List.copyOf(reused);
    }
    traces(e, r);
    e.sharer = way == Evasion.MEDIA;
    String plainBio = r.chance(0.5) ? r.pick(Texts.RING_BIO_PREFIX) : r.pick(Texts.BIOS);
    return switch (way) {
      case HANDLE -> {
        // Only the old handle: the one it wrote first, so the new bio reads like the old one.
        String kind = gone.appHandleKind();
        e.kik = kind.equals("kik") ? gone.kik : null;
        e.telegram = kind.equals("telegram") ? gone.telegram : null;
        e.whatsapp = kind.equals("whatsapp") ? gone.whatsapp : null;
        e.snapchat = kind.equals("snapchat") ? gone.snapchat : null;
        e.bio = Optional.of(r.pick(Texts.RING_BIO_PREFIX) + " · " + e.appHandleText());
        yield List.of(e.appHandleKind());
      }
      case FOLDER -> {
        String[] folders = new String[e.folders.length + 1];
        folders[0] = gone.folders[r.nextInt(gone.folders.length)];
        System.arraycopy(e.folders, 0, folders, 1, e.folders.length);
        e.folders = folders;
        e.bio = Optional.of(plainBio);
        yield List.of("folder");
      }
      case PAYMENT -> {
        e.paypal = gone.paypal;
        e.cashapp = gone.cashapp;
        e.btc = gone.btc;
        e.bio = Optional.of(r.chance(0.5) ? r.pick(Texts.RING_BIO_PREFIX) + " · " + e.paymentText() : plainBio);
        yield List.of(e.paymentKind());
      }
      case MEDIA -> {
        e.bio = Optional.of(plainBio);
        yield List.of("media");
      }
      case ALL -> throw new AssertionError("handled above");
    };
  }

  /**
   * Instead of following the ring at once, the evader follows two or three members one at a time:
   * the first on the day it returns, the others on the days after (those past the scenario are
   * dropped). Never members about to be suspended.
   */
  private void reconnectSlowly(Actor e, RingPlan p, int back, Set<Integer> goes, Rng r) {
    int[] stay = Arrays.stream(p.members).filter(m -> !goes.contains(m)).toArray();
    r.shuffle(stay);
    int n = Math.min(stay.length, r.between(2, 3));
    List<long[]> plan = new ArrayList<>(n);
    int day = back;
    for (int i = 0; i < n; i++) {
      long at = i == 0 ? e.joinAt + 60 + r.nextInt(3600) : dayStart(day) + 8 * 3600 + r.nextInt(14 * 3600);
      if (day < days) {
        plan.add(new long[] {stay[i], at});
      }
      day += r.between(1, 2);
    }
    e.reconnectTo = plan.stream().mapToInt(x -> (int) x[0]).toArray();
    e.reconnectAt = plan.stream().mapToLong(x -> x[1]).toArray();
  }

  private static List<String> emergingNames(Rng r, int count) {
    List<String> names = new ArrayList<>();
    for (String a : Texts.EMERGING_A) {
      for (String a2 : Texts.EMERGING_A) {
        if (!a.equals(a2)) {
          for (String b : Texts.EMERGING_B) {
            names.add(a + a2 + b); // boxfolderswap, vaultcrateclub…
          }
        }
      }
    }
    // Deterministic shuffle, then take as many as there are rings (numbered past the list).
    for (int i = names.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = names.get(i);
      names.set(i, names.get(j));
      names.set(j, t);
    }
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String base = names.get(i % names.size());
      out.add(i < names.size() ? base : base + (i / names.size() + 1));
    }
    return out;
  }

  Truth truth() {
    List<Truth.EmergingTag> emerging = new ArrayList<>();
    List<Truth.Ring> ringList = new ArrayList<>();
    for (RingPlan p : rings) {
      if (p.emergingDay != Integer.MAX_VALUE) {
        emerging.add(new Truth.EmergingTag(p.emergingTag, p.id, p.emergingDay,
            Instant.ofEpochSecond(dayStart(p.emergingDay))));
      }
      ringList.add(new Truth.Ring(p.id, Arrays.stream(p.members).mapToObj(i -> actors[i].id).toList()));
    }
    List<Truth.Suspension> susp = suspensions.stream().map(s -> new Truth.Suspension(actors[s.actor()].id,
        rings[s.ring()].id, Instant.ofEpochSecond(s.at()),
        s.evader() < 0 ? Optional.<String>empty() : Optional.of(actors[s.evader()].id),
        s.evader() < 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochSecond(s.returnedAt())),
        s.reused())).toList();
    List<Truth.Account> accounts = Arrays.stream(actors)
        .sorted(Comparator.comparingInt(a -> Integer.parseInt(a.id.substring(1))))
        .map(a -> new Truth.Account(a.id, a.handle, a.role,
            a.ring < 0 ? Optional.empty() : Optional.of(rings[a.ring].id),
            a.replaces < 0 ? Optional.empty() : Optional.of(actors[a.replaces].id),
            a.messagingOnly, a.sharer, a.identities()))
        .toList();
    return new Truth(cfg, Texts.LISTED_TAG, disguiseList, emerging,
        new Truth.Restriction(Texts.LISTED_TAG, restrictionDay, Instant.ofEpochSecond(restrictionAt)),
        new Truth.Flood(Texts.LISTED_TAG, floodStart, floodEnd, List.of(memeBase)), susp, knownMedia, ringList,
        accounts);
  }
}
