package io.ringbreaker.sim;

import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.TargetType;
import io.ringbreaker.sim.World.Actor;
import io.ringbreaker.sim.World.RingPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Generates one day of events at a time, in time order. Holds the little state that carries over
 * between days (recent posts to comment on, follow cursors, counters), never the events of past
 * days. Each part of the scenario draws from its own random stream per day.
 */
final class DayGenerator {

  /** An event before it has its id: ids are numbered in time order once the day is sorted. */
  record Pending(long at, String actor, EventBody body) {}

  private static final Comparator<Pending> BY_TIME = Comparator.comparingLong(Pending::at);
  private static final String PLATFORM = "platform";
  private static final String JPEG = "image/jpeg";
  private static final int[] ORDINARY_HOURS = cumulative(
      10, 5, 3, 2, 2, 3, 8, 15, 20, 20, 20, 22, 25, 22, 20, 20, 22, 26, 30, 32, 32, 28, 22, 15);
  private static final int[] RING_HOURS = cumulative(
      25, 25, 22, 20, 15, 10, 8, 8, 10, 10, 10, 12, 12, 12, 12, 12, 15, 18, 20, 22, 25, 28, 30, 28);

  private final World w;
  private final Actor[] actors;
  private final int[] followCursor;
  private final int[] flooders;
  private final PostBuffer[] communityPosts;
  private final PostBuffer[] cardPosts;
  private final PostBuffer[] docPosts;
  private final PostBuffer[] ringPosts;
  private final PostBuffer popularPosts = new PostBuffer(64);
  private final IntBuffer popularAuthors = new IntBuffer(256);
  private final boolean[] visible;
  private final IntBuffer visibleRing = new IntBuffer(1024);
  private final int[] disguiseCursor;
  private long postSeq;
  private long commentSeq;
  private long messageSeq;
  private long reportSeq;
  private long mediaSeq;

  private int day;
  private long dayStart;
  private long dayEnd;
  private List<Pending> out;

  DayGenerator(World w) {
    this.w = w;
    this.actors = w.actors;
    this.followCursor = new int[actors.length];
    for (Actor a : actors) {
      followCursor[a.index] = a.initialFollows;
    }
    this.flooders = java.util.Arrays.stream(w.population).filter(i -> actors[i].role == Truth.Role.FLOODER).toArray();
    this.communityPosts = buffers(w.communities.length, 16);
    this.cardPosts = buffers(w.cardGroups.length, 16);
    this.docPosts = buffers(w.docTeams.length, 8);
    this.ringPosts = buffers(w.rings.length, 32);
    this.visible = new boolean[actors.length];
    this.disguiseCursor = new int[w.rings.length];
    for (int r = 0; r < disguiseCursor.length; r++) {
      disguiseCursor[r] = r * 5;
    }
  }

  /** The events of day {@code d} (0-based), sorted by time. Days must be asked for in order. */
  List<Pending> day(int d) {
    day = d;
    dayStart = w.dayStart(d);
    dayEnd = dayStart + World.DAY;
    out = new ArrayList<>(Math.max(1024, (int) (w.population.length * Volume.PER_ACCOUNT_DAY * 1.2)));

    profiles();
    platform();
    initialFollows();
    // Posts first, so the day's comments can answer the day's posts.
    Rng ord = Rng.of(w.seed, "ordinary", d);
    Rng flood = Rng.of(w.seed, "flood", d);
    Rng cards = Rng.of(w.seed, "cards", d);
    Rng docs = Rng.of(w.seed, "docs", d);
    Rng[] ring = new Rng[w.rings.length];
    for (int r = 0; r < ring.length; r++) {
      ring[r] = Rng.of(w.seed, "ring", ((long) r << 32) | d);
    }
    ordinaryPosts(ord);
    cardPosts(cards);
    docPosts(docs);
    for (RingPlan p : w.rings) {
      ringPosts(ring[p.index], p);
    }
    floodPosts(flood);

    ordinaryActivity(ord);
    cardActivity(cards);
    docActivity(docs);
    for (RingPlan p : w.rings) {
      ringActivity(ring[p.index], p);
    }
    floodActivity(flood);

    out.sort(BY_TIME);
    List<Pending> day = out;
    out = null;
    return day;
  }

  // ---- profiles, platform, first follows --------------------------------------------------------

  private void profiles() {
    if (day == 0) {
      for (Actor a : actors) {
        if (a.role != Truth.Role.EVADER) {
          emit(a.joinAt, a, profile(a, a.bio));
        }
      }
    }
    Rng r = Rng.of(w.seed, "profiles", day);
    for (RingPlan p : w.rings) {
      for (int m : p.members) {
        Actor a = actors[m];
        if (a.role == Truth.Role.EVADER && a.joinAt >= dayStart && a.joinAt < dayEnd) {
          evaderReturns(r, p, a);
        }
        reconnects(a);
        if (a.bioUpdateDay == day) {
          long t = time(r, RING_HOURS);
          if (a.activeAt(t)) {
            emit(t, a, profile(a, Optional.of(a.laterBio)));
          }
        }
      }
    }
  }

  private static EventBody.Account profile(Actor a, Optional<String> bio) {
    return new EventBody.Account(a.id, a.handle, Optional.of(a.displayName), bio, a.links,
        Optional.of(Instant.ofEpochSecond(a.createdAt)));
  }

  /**
   * A suspended member is back: the profile; follows (the whole ring at once, or the first of the
   * few it follows over the days, see {@link #reconnects}); and a first message to a member that
   * carries what it reuses of the suspended account (see {@code World.evade}).
   */
  private void evaderReturns(Rng r, RingPlan p, Actor e) {
    emit(e.joinAt, e, profile(e, e.bio));
    Actor first = null;
    if (e.burst) {
      for (int m : p.members) {
        Actor b = actors[m];
        long t = e.joinAt + 60 + r.nextInt(3600);
        if (b != e && b.activeAt(t) && t < dayEnd) {
          emit(t, e, new EventBody.Follow(b.id, true));
          if (first == null || r.chance(0.3)) {
            first = b;
          }
        }
      }
    } else if (e.reconnectTo.length > 0) {
      first = actors[e.reconnectTo[0]];
    }
    long t = e.joinAt + 3700 + r.nextInt(3600);
    if (first == null || !first.activeAt(t)) {
      first = null;
      for (int m : p.members) {
        if (first == null && m != e.index && actors[m].activeAt(t)) {
          first = actors[m];
        }
      }
    }
    if (first == null || t >= dayEnd) {
      return;
    }
    String text = switch (e.evasion) {
      case ALL -> "new account, same " + e.appHandleText()
          + (e.folders.length > 0 ? " " + OffPlatform.render(e.folders[0], r.nextInt(3)) : "");
      case HANDLE -> "add me on " + e.appHandleText();
      case FOLDER -> r.pick(new String[] {"new folder ", "here: ", "link: "})
          + OffPlatform.render(e.folders[0], r.nextInt(3));
      case PAYMENT -> "pay to " + e.paymentText();
      case MEDIA -> r.pick(Texts.RING_MESSAGES);
    };
    List<Media> media = e.sharer ? List.of(knownMedia(r, p, true)) : List.of();
    message(t, e, first, conversation(e, first), text, media);
  }

  /** The follows of an evader that reconnects slowly, those that fall on this day. */
  private void reconnects(Actor e) {
    for (int i = 0; i < e.reconnectTo.length; i++) {
      long t = e.reconnectAt[i];
      Actor b = actors[e.reconnectTo[i]];
      if (t >= dayStart && t < dayEnd && e.activeAt(t) && b.activeAt(t)) {
        emit(t, e, new EventBody.Follow(b.id, true));
      }
    }
  }

  private void platform() {
    if (day == w.restrictionDay) {
      out.add(new Pending(w.restrictionAt, PLATFORM,
          new EventBody.Enforcement(TargetType.HASHTAG, Texts.LISTED_TAG, EnforcementAction.HASHTAG_RESTRICTED)));
    }
    for (World.Suspended s : w.suspensions) {
      if (s.at() >= dayStart && s.at() < dayEnd) {
        out.add(new Pending(s.at(), PLATFORM,
            new EventBody.Enforcement(TargetType.ACCOUNT, actors[s.actor()].id, EnforcementAction.SUSPENDED)));
      }
    }
  }

  /** The follows each account starts with, spread over the first days; rings follow each other on day 0. */
  private void initialFollows() {
    int spread = Math.min(5, w.days);
    if (day >= spread) {
      return;
    }
    Rng r = Rng.of(w.seed, "follows", day);
    groupFollows(r, w.communities, spread);
    groupFollows(r, w.cardGroups, spread);
    groupFollows(r, w.docTeams, spread);
    if (day == 0) {
      for (RingPlan p : w.rings) {
        for (int m : p.members) {
          Actor a = actors[m];
          if (a.role == Truth.Role.EVADER) {
            continue;
          }
          for (int o : p.members) {
            if (o != m && actors[o].role != Truth.Role.EVADER && r.chance(0.85)) {
              emit(time(r, RING_HOURS), a, new EventBody.Follow(actors[o].id, true));
            }
          }
          int extra = r.between(2, 4);
          for (int k = 0; k < extra; k++) {
            emit(time(r, RING_HOURS), a, new EventBody.Follow(actors[anyone(r)].id, true));
          }
        }
      }
    }
  }

  private void groupFollows(Rng r, int[][] groups, int spread) {
    for (int[] g : groups) {
      for (int idx : g) {
        Actor a = actors[idx];
        for (int j = day; j < a.initialFollows; j += spread) {
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Follow(actors[followTarget(r, g, a, j)].id, true));
        }
      }
    }
  }

  /**
   * The {@code j}-th account {@code a} follows: its neighbours in the group, nearest first
   * (+1, -1, +2, -2…), which gives a clustered graph; anyone once the group is used up.
   */
  private int followTarget(Rng r, int[] group, Actor a, int j) {
    int s = group.length;
    if (j >= s - 1) {
      return anyoneBut(r, a.index);
    }
    int k = j / 2 + 1;
    int pos = (j & 1) == 0 ? a.posInGroup + k : a.posInGroup - k;
    return group[((pos % s) + s) % s];
  }

  // ---- ordinary users ---------------------------------------------------------------------------

  private void ordinaryPosts(Rng r) {
    for (int c = 0; c < w.communities.length; c++) {
      for (int idx : w.communities[c]) {
        Actor a = actors[idx];
        int n = r.poisson(Volume.ORD_POST * a.activity);
        for (int k = 0; k < n; k++) {
          ordinaryPost(r, a, communityPosts[c], time(r, ORDINARY_HOURS));
        }
      }
    }
  }

  private void ordinaryPost(Rng r, Actor a, PostBuffer buffer, long t) {
    StringBuilder text = new StringBuilder(48).append(r.pick(Texts.POST_TEXT));
    int nTags = r.nextInt(4);
    List<String> tags = new ArrayList<>(nTags + 1);
    for (int i = 0; i < nTags; i++) {
      addDistinct(tags, r.pick(Texts.EVERYDAY_TAGS));
    }
    boolean popular = r.chance(0.25);
    if (popular) {
      addDistinct(tags, r.pick(Texts.POPULAR_TAGS));
    }
    for (String tag : tags) {
      text.append(" #").append(tag);
    }
    String id = "p" + ++postSeq;
    List<Media> media = r.chance(0.85) ? List.of(randomMedia(r, r.chance(0.8))) : List.of();
    emit(t, a, new EventBody.Post(id, Optional.of(text.toString()),
        r.chance(0.7) ? Optional.of(tags) : Optional.empty(), media));
    buffer.add(id, t, a.index);
    if (popular) {
      popularPosts.add(id, t, a.index);
      popularAuthors.add(a.index);
    }
  }

  private void ordinaryActivity(Rng r) {
    for (int c = 0; c < w.communities.length; c++) {
      int[] g = w.communities[c];
      for (int idx : g) {
        Actor a = actors[idx];
        double act = a.activity;
        int n = r.poisson(Volume.ORD_COMMENT * act);
        for (int k = 0; k < n; k++) {
          PostBuffer b = r.chance(0.85) ? communityPosts[c] : popularPosts;
          comment(r, a, b, time(r, ORDINARY_HOURS), r.pick(Texts.COMMENTS), -1);
        }
        n = r.poisson(Volume.ORD_MESSAGE * act);
        for (int k = 0; k < n; k++) {
          ordinaryMessage(r, a, r.chance(0.9) ? g[r.nextInt(g.length)] : anyone(r));
        }
        n = r.poisson(Volume.ORD_FOLLOW);
        for (int k = 0; k < n; k++) {
          int target = followTarget(r, g, a, followCursor[idx]++);
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Follow(actors[target].id, true));
        }
        if (r.chance(Volume.ORD_UNFOLLOW) && followCursor[idx] > 0) {
          int target = followTarget(r, g, a, r.nextInt(followCursor[idx]));
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Follow(actors[target].id, false));
        }
        if (r.chance(Volume.ORD_SPAM_REPORT)) {
          spamReport(r, a, c);
        }
        if (r.chance(Volume.ORD_PROFILE)) {
          emit(time(r, ORDINARY_HOURS), a, profile(a, Optional.of(r.pick(Texts.BIOS))));
        }
      }
    }
  }

  private void ordinaryMessage(Rng r, Actor a, int to) {
    if (to == a.index) {
      return;
    }
    Actor b = actors[to];
    long t = time(r, ORDINARY_HOURS);
    String text;
    double x = r.nextDouble();
    if (x < 0.04) {
      text = null; // end-to-end encrypted: the platform cannot read it
    } else if (x < 0.05) {
      text = "holiday photos: " + OffPlatform.driveFolder(r);
    } else {
      text = r.pick(Texts.MESSAGES);
    }
    String conv = conversation(a, b);
    message(t, a, b, conv, text, List.of());
    if (r.chance(Volume.ORD_REPLY)) {
      long t2 = t + 30 + r.nextInt(3600);
      if (t2 < dayEnd) {
        message(t2, b, a, conv, text == null ? null : r.pick(Texts.REPLIES), List.of());
      }
    }
  }

  /** Noise: ordinary users reporting ordinary accounts or posts as spam. */
  private void spamReport(Rng r, Actor a, int community) {
    long t = time(r, ORDINARY_HOURS);
    Optional<String> text = r.chance(0.5) ? Optional.of(r.pick(Texts.SPAM_REPORT_TEXT)) : Optional.empty();
    PostBuffer posts = communityPosts[community];
    EventBody.Report body;
    if (r.chance(0.2) && posts.size() > 0) {
      int slot = posts.pick(r);
      if (posts.at(slot) >= t) {
        return;
      }
      body = new EventBody.Report("r" + ++reportSeq, TargetType.POST, posts.id(slot), Optional.of("spam"), text);
    } else {
      body = new EventBody.Report("r" + ++reportSeq, TargetType.ACCOUNT, actors[anyoneBut(r, a.index)].id,
          Optional.of("spam"), text);
    }
    emit(t, a, body);
  }

  // ---- look-alikes ------------------------------------------------------------------------------

  private void cardPosts(Rng r) {
    for (int g = 0; g < w.cardGroups.length; g++) {
      for (int idx : w.cardGroups[g]) {
        Actor a = actors[idx];
        int n = r.poisson(Volume.CARD_POST * a.activity);
        for (int k = 0; k < n; k++) {
          long t = time(r, ORDINARY_HOURS);
          List<String> tags = new ArrayList<>(3);
          addDistinct(tags, r.pick(Texts.CARD_TAGS));
          addDistinct(tags, r.pick(Texts.CARD_TAGS));
          if (r.chance(0.2)) {
            addDistinct(tags, r.pick(Texts.POPULAR_TAGS));
          }
          StringBuilder text = new StringBuilder(r.pick(Texts.CARD_POSTS));
          if (r.chance(0.2)) {
            text.append(", ").append(a.paypal).append(" for payment");
          }
          for (String tag : tags) {
            text.append(" #").append(tag);
          }
          String id = "p" + ++postSeq;
          emit(t, a, new EventBody.Post(id, Optional.of(text.toString()),
              r.chance(0.7) ? Optional.of(tags) : Optional.empty(),
              r.chance(0.9) ? List.of(randomMedia(r, true)) : List.of()));
          cardPosts[g].add(id, t, idx);
        }
      }
    }
  }

  private void cardActivity(Rng r) {
    for (int gi = 0; gi < w.cardGroups.length; gi++) {
      int[] g = w.cardGroups[gi];
      for (int idx : g) {
        Actor a = actors[idx];
        int n = r.poisson(Volume.CARD_COMMENT * a.activity);
        for (int k = 0; k < n; k++) {
          comment(r, a, cardPosts[gi], time(r, ORDINARY_HOURS), r.pick(Texts.CARD_COMMENTS), -1);
        }
        n = r.poisson(Volume.CARD_MESSAGE * a.activity);
        for (int k = 0; k < n; k++) {
          Actor b = actors[g[r.nextInt(g.length)]];
          if (b == a) {
            continue;
          }
          long t = time(r, ORDINARY_HOURS);
          String text = r.chance(0.25) ? "pay here: " + a.paypal : r.pick(Texts.CARD_MESSAGES);
          String conv = conversation(a, b);
          message(t, a, b, conv, text, List.of());
          long t2 = t + 60 + r.nextInt(3600);
          if (r.chance(0.5) && t2 < dayEnd) {
            message(t2, b, a, conv, r.chance(0.3) ? b.paypal : r.pick(Texts.CARD_MESSAGES), List.of());
          }
        }
        if (r.chance(Volume.ORD_FOLLOW)) {
          int target = followTarget(r, g, a, followCursor[idx]++);
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Follow(actors[target].id, true));
        }
      }
    }
  }

  private void docPosts(Rng r) {
    for (int g = 0; g < w.docTeams.length; g++) {
      for (int idx : w.docTeams[g]) {
        Actor a = actors[idx];
        int n = r.poisson(Volume.DOC_POST * a.activity);
        for (int k = 0; k < n; k++) {
          long t = time(r, ORDINARY_HOURS);
          List<String> tags = r.chance(0.3) ? List.of(Texts.ALLOWED_TAG, r.pick(Texts.DOC_TAGS))
              : List.of("teamwork", "meetingnotes");
          StringBuilder text = new StringBuilder(r.pick(Texts.DOC_POSTS)).append(' ')
              .append(OffPlatform.dropboxFile(r, r.pick(Texts.DOC_FILES)));
          for (String tag : tags) {
            text.append(" #").append(tag);
          }
          String id = "p" + ++postSeq;
          emit(t, a, new EventBody.Post(id, Optional.of(text.toString()), Optional.of(tags), List.of()));
          docPosts[g].add(id, t, idx);
        }
      }
    }
  }

  private void docActivity(Rng r) {
    for (int gi = 0; gi < w.docTeams.length; gi++) {
      int[] g = w.docTeams[gi];
      String conv = "k" + Long.toHexString(Rng.mix(w.seed * 31 + 0x7EA3L + gi) >>> 12);
      for (int idx : g) {
        Actor a = actors[idx];
        int n = r.poisson(Volume.DOC_COMMENT * a.activity);
        for (int k = 0; k < n; k++) {
          comment(r, a, docPosts[gi], time(r, ORDINARY_HOURS), r.pick(Texts.REPLIES), -1);
        }
        n = r.poisson(Volume.DOC_MESSAGE * a.activity);
        for (int k = 0; k < n; k++) {
          double x = r.nextDouble();
          String text;
          if (x < 0.65) {
            text = r.pick(Texts.DOC_MESSAGES) + " " + OffPlatform.dropboxFile(r, r.pick(Texts.DOC_FILES));
          } else if (x < 0.8) {
            text = r.pick(Texts.DOC_FOLDER_MESSAGES) + " "
                + (r.chance(0.5) ? OffPlatform.driveFolder(r) : OffPlatform.dropboxFolder(r));
          } else {
            text = r.pick(Texts.REPLIES);
          }
          List<String> to = new ArrayList<>(g.length - 1);
          for (int o : g) {
            if (o != idx) {
              to.add(actors[o].id);
            }
          }
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Message("d" + ++messageSeq, conv, to,
              Optional.of(text), List.of()));
        }
        if (r.chance(Volume.ORD_FOLLOW)) {
          int target = followTarget(r, g, a, followCursor[idx]++);
          emit(time(r, ORDINARY_HOURS), a, new EventBody.Follow(actors[target].id, true));
        }
      }
    }
  }

  // ---- rings ------------------------------------------------------------------------------------

  private void ringPosts(Rng r, RingPlan p) {
    for (int m : p.members) {
      Actor a = actors[m];
      if (a.messagingOnly) {
        continue;
      }
      int n = r.poisson(Volume.RING_POST);
      for (int k = 0; k < n; k++) {
        long t = time(r, RING_HOURS);
        if (a.activeAt(t)) {
          ringPost(r, p, a, t);
        }
      }
    }
  }

  /**
   * An advert. Before the restriction: the listed tag or a disguise. After it: mostly disguises,
   * then the ring's new tag once it has one, and "check my bio".
   */
  private void ringPost(Rng r, RingPlan p, Actor a, long t) {
    boolean after = t >= w.restrictionAt;
    boolean moved = day >= p.emergingDay;
    double x = r.nextDouble();
    String tag;
    if (!after) {
      tag = x < 0.35 ? Texts.LISTED_TAG : nextDisguise(p);
    } else if (!moved) {
      tag = x < 0.7 ? nextDisguise(p) : x < 0.8 ? Texts.LISTED_TAG : null;
    } else {
      tag = x < 0.55 ? p.emergingTag : x < 0.75 ? nextDisguise(p) : x < 0.8 ? Texts.LISTED_TAG : null;
    }
    StringBuilder text = new StringBuilder(64);
    if (tag == null) {
      text.append(r.chance(0.5) ? "check my bio" : "still trading, check bio");
    } else {
      text.append(after && r.chance(0.5) ? r.pick(Texts.RING_POSTS_AFTER) : r.pick(Texts.RING_POSTS));
    }
    if (r.chance(0.25)) {
      text.append(", add me on ").append(a.appHandleText());
    }
    List<String> tags = new ArrayList<>(3);
    if (tag != null) {
      tags.add(tag);
    }
    int popular = r.nextInt(3);
    for (int i = 0; i < popular; i++) {
      addDistinct(tags, r.pick(Texts.POPULAR_TAGS));
    }
    for (String s : tags) {
      text.append(" #").append(s);
    }
    List<Media> media;
    if (a.sharer && r.chance(0.05)) {
      media = List.of(knownMedia(r, p, true));
    } else {
      media = r.chance(0.5) ? List.of(randomMedia(r, true)) : List.of();
    }
    String id = "p" + ++postSeq;
    emit(t, a, new EventBody.Post(id, Optional.of(text.toString()), Optional.of(tags), media));
    ringPosts[p.index].add(id, t, a.index);
    if (tag != null && !tag.equals(p.emergingTag) && !visible[a.index]) {
      visible[a.index] = true;
      visibleRing.add(a.index);
    }
  }

  private String nextDisguise(RingPlan p) {
    return w.disguises[disguiseCursor[p.index]++ % w.disguises.length];
  }

  private void ringActivity(Rng r, RingPlan p) {
    for (int m : p.members) {
      Actor a = actors[m];
      if (!a.messagingOnly) {
        int n = r.poisson(Volume.RING_COMMENT);
        for (int k = 0; k < n; k++) {
          String text = r.pick(Texts.RING_COMMENTS);
          if (r.chance(0.15)) {
            text = text + " " + a.appHandleText();
          }
          // Half on the ring's own adverts, half soliciting under ordinary popular posts.
          comment(r, a, r.chance(0.5) ? ringPosts[p.index] : popularPosts, time(r, RING_HOURS), text, a.index);
        }
      }
      int n = r.poisson(a.messagingOnly ? Volume.RING_MESSAGING_ONLY : Volume.RING_MESSAGE);
      for (int k = 0; k < n; k++) {
        long t = time(r, RING_HOURS);
        if (!a.activeAt(t)) {
          continue;
        }
        if (r.chance(a.messagingOnly ? 0.5 : 0.35)) {
          prospectMessage(r, a, t);
        } else {
          ringMessage(r, p, a, t);
        }
      }
      n = r.poisson(Volume.RING_FOLLOW);
      for (int k = 0; k < n && popularAuthors.size() > 0; k++) {
        long t = time(r, RING_HOURS);
        if (a.activeAt(t)) {
          emit(t, a, new EventBody.Follow(actors[popularAuthors.pick(r)].id, true));
        }
      }
    }
  }

  /** A ring member writes to someone who posted under a popular tag; some answer, a few report. */
  private void prospectMessage(Rng r, Actor a, long t) {
    if (popularAuthors.size() == 0) {
      return;
    }
    Actor b = actors[popularAuthors.pick(r)];
    StringBuilder text = new StringBuilder(r.pick(Texts.RING_PROSPECT_MESSAGES));
    if (r.chance(0.3)) {
      text.append(' ').append(a.appHandleText());
    }
    if (r.chance(0.15)) {
      text.append(' ').append(OffPlatform.render(a.folders[r.nextInt(a.folders.length)], r.nextInt(3)));
    }
    String conv = conversation(a, b);
    message(t, a, b, conv, text.toString(), List.of());
    long t2 = t + 60 + r.nextInt(7200);
    if (t2 >= dayEnd) {
      return;
    }
    double x = r.nextDouble();
    if (x < 0.2) {
      message(t2, b, a, conv, r.pick(Texts.PROSPECT_REPLIES), List.of());
    } else if (x < 0.28) {
      emit(t2, b, new EventBody.Report("r" + ++reportSeq, TargetType.ACCOUNT, a.id,
          Optional.of(r.chance(0.5) ? "child_safety" : "spam"),
          r.chance(0.5) ? Optional.of("keeps messaging me") : Optional.empty()));
    }
  }

  /** Inside the ring: folder links, handles, payment ids, known media; some in the group chat. */
  private void ringMessage(Rng r, RingPlan p, Actor a, long t) {
    List<Media> media = List.of();
    if (a.sharer && r.chance(0.3)) {
      media = r.chance(0.7) ? List.of(knownMedia(r, p, r.chance(0.7)))
          : List.of(knownMedia(r, p, r.chance(0.7)), knownMedia(r, p, r.chance(0.7)));
    }
    double x = r.nextDouble();
    String text;
    if (x < 0.35) {
      text = r.pick(new String[] {"new folder ", "here: ", "link: ", "updated "})
          + OffPlatform.render(a.folders[r.nextInt(a.folders.length)], formOf(r));
    } else if (x < 0.5) {
      text = "add me on " + a.appHandleText();
    } else if (x < 0.6 && !a.paymentText().isEmpty()) {
      text = "pay to " + a.paymentText();
    } else if (x < 0.9) {
      text = r.pick(Texts.RING_MESSAGES);
    } else {
      text = null; // end-to-end encrypted
    }
    if (r.chance(0.2)) {
      List<String> to = new ArrayList<>(p.members.length);
      for (int m : p.members) {
        if (m != a.index && actors[m].activeAt(t)) {
          to.add(actors[m].id);
        }
      }
      if (to.size() >= 2) {
        emit(t, a, new EventBody.Message("d" + ++messageSeq, p.groupConversation, to, Optional.ofNullable(text),
            media));
      }
      return;
    }
    Actor b = null;
    for (int tries = 0; tries < 4 && b == null; tries++) {
      Actor c = actors[p.members[r.nextInt(p.members.length)]];
      if (c != a && c.activeAt(t)) {
        b = c;
      }
    }
    if (b == null) {
      return;
    }
    String conv = conversation(a, b);
    message(t, a, b, conv, text, media);
    long t2 = t + 60 + r.nextInt(5400);
    if (r.chance(0.4) && t2 < dayEnd && b.activeAt(t2)) {
      String reply = r.chance(0.4) ? "here: " + OffPlatform.render(b.folders[r.nextInt(b.folders.length)], formOf(r))
          : r.pick(Texts.RING_MESSAGES);
      message(t2, b, a, conv, reply, List.of());
    }
  }

  /** Mostly full links; a few without scheme or spelled out, to slip past link filters. */
  private static int formOf(Rng r) {
    double x = r.nextDouble();
    return x < 0.6 ? 0 : x < 0.8 ? 1 : 2;
  }

  /** A known item as shared: the exact file, or a re-encoded copy (a few PDQ bits off, new file hashes). */
  private Media knownMedia(Rng r, RingPlan p, boolean exact) {
    Truth.KnownMedia k = p.known[r.nextInt(p.known.length)];
    String id = "m" + ++mediaSeq;
    if (exact) {
      return new Media(id, Optional.of(JPEG), Optional.empty(), Optional.empty(), Optional.of(k.pdq()),
          OptionalInt.of(r.between(90, 100)), Optional.of(k.md5()), Optional.of(k.sha256()));
    }
    return new Media(id, Optional.of(JPEG), Optional.empty(), Optional.empty(),
        Optional.of(flipBits(k.pdq(), r, r.between(2, 10))), OptionalInt.of(r.between(70, 95)),
        Optional.of(r.hex(32)), Optional.of(r.hex(64)));
  }

  // ---- flood ------------------------------------------------------------------------------------

  private boolean flooding() {
    return day >= w.floodStart && day <= w.floodEnd;
  }

  private void floodPosts(Rng r) {
    if (!flooding()) {
      return;
    }
    for (int idx : flooders) {
      Actor a = actors[idx];
      int n = r.poisson(Volume.FLOOD_POST * (0.5 + 0.5 * a.activity));
      for (int k = 0; k < n; k++) {
        long t = time(r, ORDINARY_HOURS);
        StringBuilder text = new StringBuilder(r.pick(Texts.FLOOD_POSTS)).append(" #").append(Texts.LISTED_TAG);
        List<String> tags = new ArrayList<>(2);
        tags.add(Texts.LISTED_TAG);
        if (r.chance(0.6)) {
          String meme = r.pick(Texts.FLOOD_TAGS);
          tags.add(meme);
          text.append(" #").append(meme);
        }
        String pdq = flipBits(w.memeBase[r.nextInt(w.memeBase.length)], r, r.between(1, 6));
        Media m = new Media("m" + ++mediaSeq, Optional.of(JPEG), Optional.empty(), Optional.empty(), Optional.of(pdq),
            OptionalInt.of(r.between(80, 100)), Optional.of(r.hex(32)), Optional.of(r.hex(64)));
        emit(t, a, new EventBody.Post("p" + ++postSeq, Optional.of(text.toString()),
            r.chance(0.8) ? Optional.of(tags) : Optional.empty(), List.of(m)));
      }
    }
  }

  private void floodActivity(Rng r) {
    if (!flooding()) {
      return;
    }
    for (int idx : flooders) {
      Actor a = actors[idx];
      int n = r.poisson(Volume.FLOOD_REPORT);
      for (int k = 0; k < n; k++) {
        long t = time(r, ORDINARY_HOURS);
        // Mostly the ring accounts seen in the tag; some reports hit other flooders' posts' authors.
        int target = visibleRing.size() > 0 && r.chance(0.9) ? visibleRing.pick(r) : flooders[r.nextInt(flooders.length)];
        if (target == idx) {
          continue;
        }
        emit(t, a, new EventBody.Report("r" + ++reportSeq, TargetType.ACCOUNT, actors[target].id,
            Optional.of("child_safety"), r.chance(0.5) ? Optional.of(r.pick(Texts.FLOOD_REPORT_TEXT)) : Optional.empty()));
      }
      n = r.poisson(Volume.FLOOD_COMMENT);
      for (int k = 0; k < n && ringPosts.length > 0; k++) {
        comment(r, a, ringPosts[r.nextInt(ringPosts.length)], time(r, ORDINARY_HOURS), r.pick(Texts.FLOOD_COMMENTS), -1);
      }
    }
  }

  // ---- shared -----------------------------------------------------------------------------------

  /** A comment on a recent post of {@code posts}, after the post; {@code notAuthor} skips one's own. */
  private void comment(Rng r, Actor a, PostBuffer posts, long t, String text, int notAuthor) {
    if (posts.size() == 0 || !a.activeAt(t)) {
      return;
    }
    int slot = posts.pick(r);
    if (posts.author(slot) == notAuthor) {
      return;
    }
    long postAt = posts.at(slot);
    if (postAt >= t - 30) {
      t = postAt + 30 + r.nextInt(1800);
      if (t >= dayEnd || !a.activeAt(t)) {
        return;
      }
    }
    emit(t, a, new EventBody.Comment("c" + ++commentSeq, posts.id(slot), text));
  }

  private void message(long t, Actor from, Actor to, String conv, String text, List<Media> media) {
    emit(t, from, new EventBody.Message("d" + ++messageSeq, conv, List.of(to.id), Optional.ofNullable(text), media));
  }

  /** The id of the one-to-one conversation of two accounts: opaque, the same both ways. */
  private String conversation(Actor a, Actor b) {
    long lo = Math.min(a.index, b.index);
    long hi = Math.max(a.index, b.index);
    return "k" + Long.toHexString(Rng.mix(w.seed * 0x9E3779B97F4A7C15L + (lo << 32 | hi)) >>> 12);
  }

  private Media randomMedia(Rng r, boolean fileHashes) {
    String id = "m" + ++mediaSeq;
    return new Media(id, Optional.of(JPEG), Optional.empty(), Optional.empty(), Optional.of(r.hex(64)),
        OptionalInt.of(r.between(60, 100)), fileHashes ? Optional.of(r.hex(32)) : Optional.empty(),
        fileHashes ? Optional.of(r.hex(64)) : Optional.empty());
  }

  /** {@code hex} (a 256-bit PDQ hash) with {@code n} distinct bits flipped. */
  static String flipBits(String hex, Rng r, int n) {
    char[] c = hex.toCharArray();
    long[] used = new long[4];
    int flipped = 0;
    while (flipped < n) {
      int bit = r.nextInt(256);
      if ((used[bit >> 6] & (1L << (bit & 63))) != 0) {
        continue;
      }
      used[bit >> 6] |= 1L << (bit & 63);
      int i = bit >> 2;
      int v = Character.digit(c[i], 16) ^ (1 << (bit & 3));
      c[i] = Character.forDigit(v, 16);
      flipped++;
    }
    return new String(c);
  }

  private int anyone(Rng r) {
    return w.population[r.nextInt(w.population.length)];
  }

  private int anyoneBut(Rng r, int self) {
    int i = anyone(r);
    return i != self ? i : w.population[(java.util.Arrays.binarySearch(w.population, self) + 1) % w.population.length];
  }

  private static void addDistinct(List<String> tags, String tag) {
    if (!tags.contains(tag)) {
      tags.add(tag);
    }
  }

  /** A time of day drawn from an hourly profile; day 0 leaves the first six hours to profiles. */
  private long time(Rng r, int[] cumulative) {
    int x = r.nextInt(cumulative[23]);
    int h = 0;
    while (cumulative[h] <= x) {
      h++;
    }
    long t = dayStart + h * 3600L + r.nextInt(3600);
    if (day == 0 && t < dayStart + 6 * 3600) {
      t = dayStart + 6 * 3600 + r.nextInt(18 * 3600);
    }
    return t;
  }

  private static int[] cumulative(int... weights) {
    int[] c = new int[weights.length];
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }

  private void emit(long at, Actor a, EventBody body) {
    out.add(new Pending(at, a.id, body));
  }

  private static PostBuffer[] buffers(int n, int capacity) {
    PostBuffer[] b = new PostBuffer[n];
    for (int i = 0; i < n; i++) {
      b[i] = new PostBuffer(capacity);
    }
    return b;
  }

  /** The last few posts of a group: what its members comment on. */
  static final class PostBuffer {
    private final String[] ids;
    private final long[] at;
    private final int[] author;
    private int size;
    private int next;

    PostBuffer(int capacity) {
      ids = new String[capacity];
      at = new long[capacity];
      author = new int[capacity];
    }

    void add(String id, long t, int who) {
      ids[next] = id;
      at[next] = t;
      author[next] = who;
      next = (next + 1) % ids.length;
      size = Math.min(size + 1, ids.length);
    }

    int size() {
      return size;
    }

    int pick(Rng r) {
      return r.nextInt(size);
    }

    String id(int slot) {
      return ids[slot];
    }

    long at(int slot) {
      return at[slot];
    }

    int author(int slot) {
      return author[slot];
    }
  }

  /** The last few account indexes of some kind, to pick from. */
  static final class IntBuffer {
    private final int[] values;
    private int size;
    private int next;

    IntBuffer(int capacity) {
      values = new int[capacity];
    }

    void add(int v) {
      values[next] = v;
      next = (next + 1) % values.length;
      size = Math.min(size + 1, values.length);
    }

    int size() {
      return size;
    }

    int pick(Rng r) {
      return values[r.nextInt(size)];
    }
  }
}
