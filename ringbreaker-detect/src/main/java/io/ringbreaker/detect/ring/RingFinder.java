package io.ringbreaker.detect.ring;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Finds rings in the {@link AccountGraph}: seed accounts (strong evidence of their own) joined by
 * strong ties form the core; an account joins a core when a real part of everything it is tied to
 * goes to the core's members (so a member who only messages and follows is found through the ring,
 * while an ordinary user a ring member once wrote to is not). A core too large to be one ring is
 * split by label propagation (JGraphT). Ring ids stay stable across re-clustering: a new cluster
 * takes the id of the old ring it overlaps most.
 *
 * <p>Only the part of the graph around seeds is visited, so a full pass costs the seeds' ties, not
 * the platform's; {@link #recluster} visits only the cores that changed accounts touch.
 */
public final class RingFinder {

  /**
   * @param strongTie    strength at which two seeds belong to one core (a mutual follow, three messages, a shared folder)
   * @param joinStrength the least summed strength into a core for an account to join it
   * @param joinShare    the least part of an account's ties that must go to the core
   * @param joinMembers  the least number of core members it must be tied to (a shared identity is enough on its own)
   * @param minSeeds     seeds a ring needs
   * @param minSize      members a ring needs
   * @param splitAbove   cores with more seeds than this are split by label propagation
   */
  public record Params(double strongTie, double joinStrength, double joinShare, int joinMembers, int minSeeds,
                       int minSize, int splitAbove) {
    public static final Params DEFAULTS = new Params(1.0, 1.5, 0.35, 2, 2, 3, 60);
  }

  private final AccountGraph graph;
  private final Params params;
  private final Map<String, Ring> rings = new LinkedHashMap<>();
  private final Map<String, String> ringOf = new HashMap<>();
  private int lastNumber;

  public RingFinder(AccountGraph graph, Params params) {
    this.graph = graph;
    this.params = params;
  }

  public RingFinder(AccountGraph graph) {
    this(graph, Params.DEFAULTS);
  }

  /** The rings found so far, by id order of discovery. */
  public List<Ring> rings() {
    return List.copyOf(rings.values());
  }

  public Optional<Ring> ringOf(String account) {
    String id = ringOf.get(account);
    return id == null ? Optional.empty() : Optional.ofNullable(rings.get(id));
  }

  /** Restores a ring kept in a store; ids found later continue after the highest number seen. */
  public void restore(Ring r) {
    rings.put(r.id(), r);
    r.accounts().forEach(a -> ringOf.put(a, r.id()));
    if (r.id().startsWith("ring-")) {
      try {
        lastNumber = Math.max(lastNumber, Integer.parseInt(r.id().substring(5)));
      } catch (NumberFormatException ignored) {
        // an id from elsewhere: numbering is unaffected
      }
    }
  }

  /** What a re-clustering changed: rings new or changed, and ids that are gone. */
  public record Changes(List<Ring> changed, List<String> removed) {
    public boolean isEmpty() {
      return changed.isEmpty() && removed.isEmpty();
    }
  }

  /** Clusters from every seed. {@code seeds}: account → its own score. */
  public Changes findAll(Map<String, Double> seeds, Instant now) {
    return cluster(ids(seeds), seeds.keySet(), rings.keySet(), now);
  }

  /**
   * Re-clusters only the cores that {@code changedAccounts} touch (the seeds among them and the
   * rings they are in, with those rings' seeds); every other ring is left as it is.
   * {@code changedAccounts} must hold both ends of every tie changed since the last time, as
   * {@link AccountGraph#drainChanged} does.
   */
  public Changes recluster(Map<String, Double> seeds, Collection<String> changedAccounts, Instant now) {
    Map<Integer, Double> seedIds = ids(seeds);
    Set<String> start = new HashSet<>();
    Set<String> touched = new HashSet<>();
    for (String a : changedAccounts) {
      if (seeds.containsKey(a)) {
        start.add(a);
      }
      String r = ringOf.get(a);
      if (r != null && rings.containsKey(r)) {
        touched.add(r);
        rings.get(r).accounts().stream().filter(seeds::containsKey).forEach(start::add);
      }
    }
    // A changed tie marks both its ends changed, so a new tie to a ring member or a seed brings
    // that ring or seed in above: the neighbours need not be read.
    return cluster(seedIds, start, touched, now);
  }

  private Map<Integer, Double> ids(Map<String, Double> seeds) {
    Map<Integer, Double> seedIds = new HashMap<>();
    for (var e : seeds.entrySet()) {
      int x = graph.id(e.getKey());
      if (x >= 0) {
        seedIds.put(x, e.getValue());
      }
    }
    return seedIds;
  }

  private Changes cluster(Map<Integer, Double> seedIds, Collection<String> start, Collection<String> touchedRings,
      Instant now) {
    long t = now.getEpochSecond();
    // Cores: seeds joined by strong ties, found by walking out from the start seeds.
    Map<Integer, Integer> coreOf = new HashMap<>();
    List<List<Integer>> cores = new ArrayList<>();
    for (String s : new TreeSet<>(start)) {
      int x = graph.id(s);
      if (x < 0 || !seedIds.containsKey(x) || coreOf.containsKey(x)) {
        continue;
      }
      List<Integer> core = new ArrayList<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(x);
      coreOf.put(x, cores.size());
      while (!queue.isEmpty()) {
        int y = queue.poll();
        core.add(y);
        for (int i = 0; i < graph.degree(y); i++) {
          int z = graph.neighbour(y, i);
          if (seedIds.containsKey(z) && !coreOf.containsKey(z) && graph.strength(y, i, t) >= params.strongTie()) {
            coreOf.put(z, cores.size());
            queue.add(z);
          }
        }
      }
      cores.add(core);
    }
    List<List<Integer>> split = new ArrayList<>();
    for (List<Integer> core : cores) {
      split.addAll(core.size() > params.splitAbove() ? splitByLabels(core, t) : List.of(core));
    }
    // Members: each core grows by the accounts tied to it, in two rounds (a member's members join too).
    List<Map<Integer, Ring.Member>> clusters = new ArrayList<>();
    Map<Integer, Integer> clusterOf = new HashMap<>();
    for (int c = 0; c < split.size(); c++) {
      Map<Integer, Ring.Member> members = new LinkedHashMap<>();
      for (int s : split.get(c)) {
        members.put(s, null);
        clusterOf.put(s, c);
      }
      clusters.add(members);
    }
    for (int round = 0; round < 2; round++) {
      // What each outside account is tied to each cluster by, read from the members' side: most
      // neighbours (an author many members follow) fail here, before their own ties are read.
      Map<Integer, Map<Integer, double[]>> into = new HashMap<>();
      double[] kinds = new double[TieKind.values().length];
      for (int c = 0; c < clusters.size(); c++) {
        for (int m : List.copyOf(clusters.get(c).keySet())) {
          for (int i = 0; i < graph.degree(m); i++) {
            int x = graph.neighbour(m, i);
            if (seedIds.containsKey(x) || clusterOf.containsKey(x)) {
              continue;
            }
            java.util.Arrays.fill(kinds, 0);
            graph.addKinds(m, i, t, kinds);
            double s = 0;
            for (double k : kinds) {
              s += k;
            }
            double[] acc = into.computeIfAbsent(x, k -> new HashMap<>()).computeIfAbsent(c, k -> new double[3]);
            acc[0] += s;
            if (s >= 0.3) {
              acc[1]++;
            }
            if (kinds[TieKind.SHARED_IDENTITY.ordinal()] > 0.5) {
              acc[2] = 1;
            }
          }
        }
      }
      for (var e : into.entrySet()) {
        int x = e.getKey();
        Join best = null;
        double total = -1;
        for (var byCluster : e.getValue().entrySet()) {
          double[] acc = byCluster.getValue();
          if (acc[0] < params.joinStrength() || (acc[1] < params.joinMembers() && acc[2] == 0)) {
            continue;
          }
          if (total < 0) {
            total = graph.totalStrength(x, t);
          }
          double share = total <= 0 ? 0 : acc[0] / total;
          if (share >= params.joinShare() && (best == null || acc[0] > best.strength())) {
            best = new Join(byCluster.getKey(), acc[0], share, (int) acc[1]);
          }
        }
        if (best != null) {
          clusters.get(best.cluster()).put(x, new Ring.Member(graph.name(x), false, best.share(), best.tied()));
        }
      }
      for (int c = 0; c < clusters.size(); c++) {
        for (int x : clusters.get(c).keySet()) {
          clusterOf.putIfAbsent(x, c);
        }
      }
    }
    // Seeds' own membership figures, then the rings.
    List<Ring> found = new ArrayList<>();
    for (Map<Integer, Ring.Member> members : clusters) {
      long seedCount = members.keySet().stream().filter(seedIds::containsKey).count();
      if (seedCount < params.minSeeds() || members.size() < params.minSize()) {
        continue;
      }
      List<Ring.Member> list = new ArrayList<>();
      double keep = 1;
      for (var e : members.entrySet()) {
        int x = e.getKey();
        if (e.getValue() != null) {
          list.add(e.getValue());
        } else {
          Join own = measure(x, members.keySet(), t);
          list.add(new Ring.Member(graph.name(x), true, own.share(), own.tied()));
          keep *= 1 - 0.5 * Math.min(1, seedIds.get(x));
        }
      }
      list.sort(Comparator.comparing(Ring.Member::account));
      found.add(new Ring("", list, 1 - keep, bonds(members.keySet(), t), now));
    }
    return assignIds(found, touchedRings, now);
  }

  private record Join(int cluster, double strength, double share, int tied) {}

  private Join measure(int x, Set<Integer> members, long t) {
    double total = 0;
    double in = 0;
    int tied = 0;
    for (int i = 0; i < graph.degree(x); i++) {
      double s = graph.strength(x, i, t);
      total += s;
      if (members.contains(graph.neighbour(x, i))) {
        in += s;
        if (s >= 0.3) {
          tied++;
        }
      }
    }
    return new Join(-1, in, total <= 0 ? 0 : in / total, tied);
  }

  /** Splits a core too large to be one ring along its communities (deterministic: a fixed random seed). */
  private List<List<Integer>> splitByLabels(List<Integer> core, long t) {
    Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    Set<Integer> in = new HashSet<>(core);
    core.forEach(g::addVertex);
    for (int x : core) {
      for (int i = 0; i < graph.degree(x); i++) {
        int y = graph.neighbour(x, i);
        if (y > x && in.contains(y) && graph.strength(x, i, t) >= params.strongTie()) {
          g.addEdge(x, y);
        }
      }
    }
    List<List<Integer>> out = new ArrayList<>();
    for (Set<Integer> cluster : new LabelPropagationClustering<>(g, 100, new Random(core.size())).getClustering()) {
      List<Integer> sorted = new ArrayList<>(cluster);
      sorted.sort(null);
      out.add(sorted);
    }
    return out;
  }

  /** What binds the members, in words: identities they share and how many pairs tie each way. */
  private List<String> bonds(Set<Integer> members, long t) {
    List<String> out = new ArrayList<>();
    Set<String> identities = new TreeSet<>();
    for (int m : members) {
      for (String id : graph.identities(graph.name(m))) {
        long held = graph.holders(id).stream().filter(h -> members.contains(graph.id(h))).count();
        if (held >= 2) {
          identities.add(id + " (" + held + " members)");
        }
      }
    }
    identities.stream().limit(5).forEach(s -> out.add("share " + s));
    if (identities.size() > 5) {
      out.add("and " + (identities.size() - 5) + " more shared identities");
    }
    int[] pairs = new int[TieKind.values().length];
    double[] kinds = new double[pairs.length];
    for (int x : members) {
      for (int i = 0; i < graph.degree(x); i++) {
        int y = graph.neighbour(x, i);
        if (y > x && members.contains(y)) {
          java.util.Arrays.fill(kinds, 0);
          graph.addKinds(x, i, t, kinds);
          for (int k = 0; k < kinds.length; k++) {
            if (kinds[k] > 0.05) {
              pairs[k]++;
            }
          }
        }
      }
    }
    for (TieKind k : TieKind.values()) {
      if (pairs[k.ordinal()] > 0 && k != TieKind.SHARED_IDENTITY) {
        out.add(pairs[k.ordinal()] + " member pairs tied by " + k.wire().replace('_', ' '));
      }
    }
    return out;
  }

  /** New clusters take the id of the old ring they overlap most; the rest get new numbers. */
  private Changes assignIds(List<Ring> found, Collection<String> touchedRings, Instant now) {
    Set<String> touched = new HashSet<>(touchedRings);
    for (Ring r : found) {
      for (String a : r.accounts()) {
        String old = ringOf.get(a);
        if (old != null) {
          touched.add(old);
        }
      }
    }
    record Overlap(int cluster, String id, int count) {}
    List<Overlap> overlaps = new ArrayList<>();
    for (int c = 0; c < found.size(); c++) {
      Map<String, Integer> counts = new HashMap<>();
      for (String a : found.get(c).accounts()) {
        String old = ringOf.get(a);
        if (old != null && touched.contains(old)) {
          counts.merge(old, 1, Integer::sum);
        }
      }
      int cc = c;
      counts.forEach((id, n) -> overlaps.add(new Overlap(cc, id, n)));
    }
    overlaps.sort(Comparator.comparingInt(Overlap::count).reversed().thenComparing(Overlap::id));
    String[] ids = new String[found.size()];
    Set<String> used = new HashSet<>();
    for (Overlap o : overlaps) {
      if (ids[o.cluster()] == null && used.add(o.id())) {
        ids[o.cluster()] = o.id();
      }
    }
    List<Ring> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Map<String, Ring> before = new HashMap<>();
    for (String id : touched) {
      Ring old = rings.remove(id);
      if (old != null) {
        before.put(id, old);
        old.accounts().forEach(a -> ringOf.remove(a, id));
      }
    }
    for (int c = 0; c < found.size(); c++) {
      String id = ids[c] != null ? ids[c] : "ring-" + ++lastNumber;
      Ring f = found.get(c);
      Ring old = before.get(id);
      Ring r = new Ring(id, f.members(), f.score(), f.bonds(), old != null ? old.foundAt() : now);
      rings.put(id, r);
      r.accounts().forEach(a -> ringOf.put(a, id));
      if (old == null || !sameMembership(old, r)) {
        changed.add(r);
      }
    }
    for (String id : before.keySet()) {
      if (!rings.containsKey(id)) {
        removed.add(id);
      }
    }
    removed.sort(null);
    return new Changes(changed, removed);
  }

  /** The same accounts in the same roles; shares drift as ties decay and do not make a change. */
  private static boolean sameMembership(Ring a, Ring b) {
    if (a.members().size() != b.members().size()) {
      return false;
    }
    for (int i = 0; i < a.members().size(); i++) {
      Ring.Member x = a.members().get(i);
      Ring.Member y = b.members().get(i);
      if (!x.account().equals(y.account()) || x.seed() != y.seed()) {
        return false;
      }
    }
    return true;
  }
}
