package io.ringbreaker.engine;

import io.ringbreaker.detect.ring.AccountGraph;
import io.ringbreaker.detect.ring.FloodWatch;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.detect.ring.RingFinder;
import io.ringbreaker.detect.ring.TagTrends;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's view of the people rather than the words: the account graph, the rings found in it,
 * floods of listed tags, tag trends, suspended accounts (for ban evasion) and who used a tag before
 * it was restricted (for the "tag is dead, accounts remain" report). Owned and driven by the
 * {@link Engine}, on its one thread.
 */
final class RingIntel {

  /**
   * Re-cluster after this many events, or after this much event time once a few events have come
   * (a quiet platform's rings are still fresh within the quarter hour; a replay of history, whose
   * event time runs fast, is not re-clustered every few events).
   */
  static final int CLUSTER_EVERY_EVENTS = 20_000;
  static final Duration CLUSTER_EVERY = Duration.ofMinutes(15);
  static final int CLUSTER_MIN_EVENTS = 500;
  /** New tags remembered per account after a tag it used was restricted. */
  static final int TAGS_AFTER = 8;

  final AccountGraph graph = new AccountGraph();
  final RingFinder finder = new RingFinder(graph);
  final FloodWatch flood = new FloodWatch();
  final TagTrends trends = new TagTrends();
  /** Accounts that posted in a meme flood of a listed tag. */
  final Set<String> floodPosters = new HashSet<>();
  /** Suspended account → when. */
  final Map<String, Instant> suspended = new HashMap<>();
  /** Restricted or blocked term → when, and who had used it before. */
  final Map<String, Restriction> restrictions = new LinkedHashMap<>();
  /** For accounts in a restriction's snapshot: tags used after it. */
  final Map<String, Set<String>> tagsAfter = new HashMap<>();
  /** Accounts at high on their own evidence → their own score: the ring finder's seeds. */
  final Map<String, Double> seeds = new HashMap<>();
  /** Accounts whose seed status changed since the last clustering. */
  final Set<String> seedChanges = new LinkedHashSet<>();
  /** Not yet handed to a store (see {@link IntelState}). */
  final Set<String> unsavedRings = new LinkedHashSet<>();
  final Set<String> unsavedSuspended = new LinkedHashSet<>();
  final Set<String> unsavedRestrictions = new LinkedHashSet<>();
  final Set<String> unsavedTagsAfter = new LinkedHashSet<>();
  final Set<String> unsavedFloodPosters = new LinkedHashSet<>();
  /** What each ring looked like when its members' verdicts were last updated. */
  final Map<String, Set<String>> applied = new HashMap<>();

  Instant now = Instant.EPOCH;
  Instant lastCluster = Instant.EPOCH;
  long eventsSinceCluster;
  long clusterings;
  long clusterNanos;

  record Restriction(String term, Instant at, Set<String> usedBefore) {}

  boolean due() {
    return eventsSinceCluster >= CLUSTER_EVERY_EVENTS
        || (eventsSinceCluster >= CLUSTER_MIN_EVENTS && !now.isBefore(lastCluster.plus(CLUSTER_EVERY)));
  }

  /** Re-clusters what changed; returns the rings changed and removed. */
  RingFinder.Changes cluster() {
    long t0 = System.nanoTime();
    Set<String> changed = new LinkedHashSet<>(graph.drainChanged());
    changed.addAll(seedChanges);
    seedChanges.clear();
    RingFinder.Changes c = finder.recluster(seeds, changed, now);
    c.changed().forEach(r -> unsavedRings.add(r.id()));
    unsavedRings.addAll(c.removed());
    eventsSinceCluster = 0;
    lastCluster = now;
    clusterings++;
    clusterNanos += System.nanoTime() - t0;
    return c;
  }

  void afterRestriction(String account, List<String> tags, java.util.function.Predicate<String> ofTerm) {
    for (Restriction r : restrictions.values()) {
      if (r.usedBefore().contains(account)) {
        Set<String> after = tagsAfter.computeIfAbsent(account, k -> new LinkedHashSet<>());
        for (String t : tags) {
          if (after.size() < TAGS_AFTER && !ofTerm.test(t) && after.add(t)) {
            unsavedTagsAfter.add(account);
          }
        }
        return;
      }
    }
  }

  List<Ring> rings() {
    return finder.rings();
  }
}
