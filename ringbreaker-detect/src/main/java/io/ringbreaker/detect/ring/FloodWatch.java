package io.ringbreaker.detect.ring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sees a listed tag being flooded: many accounts posting near-duplicates of the same image (a
 * meme) under it. A post is a meme post once accounts enough have posted an image within
 * {@link #NEAR} bits of its own in the tag; the posts of the cluster seen before it formed are
 * marked then too, so whoever posted first is treated like whoever posted last. A tag is flooded
 * while meme posts make up a real part of a day's posts under it.
 */
public final class FloodWatch {

  /** PDQ distance within which two images are the same meme (PDQ's own match threshold). */
  static final int NEAR = 31;
  /** Distinct accounts posting one image before it counts as a meme: fewer is a ring reposting. */
  static final int MEME_ACCOUNTS = 4;
  static final Duration WINDOW = Duration.ofDays(3);
  static final int WINDOW_POSTS = 8_192;
  static final int MAX_MEMES = 256;
  static final Duration DAY = Duration.ofDays(1);
  static final int FLOOD_MEME_POSTS = 10;
  static final double FLOOD_SHARE = 0.25;

  /** A post under a watched tag, as the engine knows it. */
  public record Post(String eventId, String postId, String account, Instant at) {}

  /** When a tag was first seen flooded, and last. */
  public record Flood(Instant from, Instant lastSeen) {}

  private final Map<String, Watch> watches = new HashMap<>();
  private final Set<String> unsaved = new HashSet<>();

  /**
   * Observes a post under {@code term} with its images' PDQ hashes (as 4 words each) and returns
   * the posts newly known to be meme posts: this one and, when a cluster has just formed, the
   * earlier posts in it.
   */
  public List<Post> observe(String term, Post post, List<long[]> pdqs) {
    Watch w = watches.computeIfAbsent(term, k -> new Watch());
    w.forget(post.at());
    List<Post> marked = new ArrayList<>();
    boolean meme = false;
    for (long[] h : pdqs) {
      if (w.isKnownMeme(h)) {
        meme = true;
        continue;
      }
      List<Entry> near = new ArrayList<>();
      Set<String> accounts = new HashSet<>();
      accounts.add(post.account());
      for (Entry e : w.recent) {
        if (distance(e.pdq, h) <= NEAR) {
          near.add(e);
          accounts.add(e.post.account());
        }
      }
      if (accounts.size() >= MEME_ACCOUNTS) {
        meme = true;
        if (w.memes.size() < MAX_MEMES) {
          w.memes.add(h);
        }
        for (Entry e : near) {
          if (!e.meme) {
            e.meme = true;
            marked.add(e.post);
          }
        }
      }
    }
    for (long[] h : pdqs) {
      w.recent.addLast(new Entry(post, h, meme));
    }
    while (w.recent.size() > WINDOW_POSTS) {
      w.recent.removeFirst();
    }
    if (meme) {
      marked.add(post);
    }
    if (w.count(post.at(), meme, marked.size() - (meme ? 1 : 0))) {
      unsaved.add(term);
    }
    return marked;
  }

  /** The flood seen on {@code term}, if one was. */
  public Optional<Flood> flood(String term) {
    Watch w = watches.get(term);
    return w == null || w.floodFrom == null ? Optional.empty() : Optional.of(new Flood(w.floodFrom, w.floodLast));
  }

  /** Whether {@code term} is flooded at {@code at}: meme posts were a real part of its last day. */
  public boolean floodedAt(String term, Instant at) {
    Watch w = watches.get(term);
    return w != null && w.floodLast != null && !at.isAfter(w.floodLast.plus(DAY));
  }

  /** Floods seen or extended since the last call, which it clears (a store keeps them; the window of recent posts it does not). */
  public Map<String, Flood> drainUnsaved() {
    Map<String, Flood> out = new HashMap<>();
    for (String t : unsaved) {
      flood(t).ifPresent(f -> out.put(t, f));
    }
    unsaved.clear();
    return out;
  }

  public void restore(String term, Flood f) {
    Watch w = watches.computeIfAbsent(term, k -> new Watch());
    w.floodFrom = f.from();
    w.floodLast = f.lastSeen();
  }

  static int distance(long[] a, long[] b) {
    return Long.bitCount(a[0] ^ b[0]) + Long.bitCount(a[1] ^ b[1]) + Long.bitCount(a[2] ^ b[2])
        + Long.bitCount(a[3] ^ b[3]);
  }

  private static final class Entry {
    final Post post;
    final long[] pdq;
    boolean meme;

    Entry(Post post, long[] pdq, boolean meme) {
      this.post = post;
      this.pdq = pdq;
      this.meme = meme;
    }
  }

  private static final class Watch {
    final ArrayDeque<Entry> recent = new ArrayDeque<>();
    final List<long[]> memes = new ArrayList<>();
    /** The last day's posts under the tag: time and whether a meme post. */
    final ArrayDeque<long[]> day = new ArrayDeque<>();
    int dayMemes;
    Instant floodFrom;
    Instant floodLast;

    boolean isKnownMeme(long[] h) {
      for (long[] m : memes) {
        if (distance(m, h) <= NEAR) {
          return true;
        }
      }
      return false;
    }

    void forget(Instant now) {
      Instant oldest = now.minus(WINDOW);
      while (!recent.isEmpty() && recent.peekFirst().post.at().isBefore(oldest)) {
        recent.removeFirst();
      }
    }

    /** Counts a post into the last day; true when the tag is (still) flooded. */
    boolean count(Instant at, boolean meme, int earlierMemes) {
      long t = at.getEpochSecond();
      day.addLast(new long[] {t, meme ? 1 : 0});
      dayMemes += (meme ? 1 : 0) + earlierMemes;
      long from = t - DAY.toSeconds();
      for (Iterator<long[]> it = day.iterator(); it.hasNext(); ) {
        long[] p = it.next();
        if (p[0] >= from) {
          break;
        }
        dayMemes -= (int) p[1];
        it.remove();
      }
      dayMemes = Math.max(0, Math.min(dayMemes, day.size()));
      if (dayMemes >= FLOOD_MEME_POSTS && dayMemes >= FLOOD_SHARE * day.size()) {
        if (floodFrom == null) {
          floodFrom = at;
        }
        floodLast = at;
        return true;
      }
      return false;
    }
  }
}
