package io.ringbreaker.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How well a scan found what a simulated scenario hid: the scan's {@code verdicts.jsonl} and
 * {@code hashtags.jsonl} scored against the {@link Truth}. Ring accounts are the truth's ring
 * members and evaders; an account counts as flagged at {@code high} or {@code critical}.
 * Ringbreaker's ring ids are its own: they are only ever compared with each other, never with the
 * truth's.
 *
 * @param scenario         what was scored, e.g. {@code seed 3}, or {@code all} for pooled scenarios
 * @param ringAccounts     ring members and evaders in the truth
 * @param ringAtHigh       of those, the ones whose account verdict is high or critical
 * @param accountsAtHigh   every account verdict at high or critical, ring or not
 * @param timesToFlag      per ring account that reached high: {@code first_flagged_at} minus its first
 *                         event as actor (zero when flagged before it acted), shortest first
 * @param neverFlagged     ring accounts without a {@code first_flagged_at}
 * @param floodersAtHigh   flooders at high: ordinary users who flooded the listed tag
 * @param lookalikesAtHigh card traders and document teams at high
 * @param ordinaryAtHigh   other ordinary users at high
 * @param floodDetected    the listed tag's line in {@code hashtags.jsonl} says {@code flooded}
 * @param emergingTags     each emerging tag of the truth and what Ringbreaker proposed for it
 * @param evaders          each suspension followed by a return, and whether the evader was linked
 */
public record Evaluation(String scenario, int ringAccounts, int ringAtHigh, int accountsAtHigh,
                         List<Duration> timesToFlag, int neverFlagged, List<String> floodersAtHigh,
                         List<String> lookalikesAtHigh, List<String> ordinaryAtHigh, boolean floodDetected,
                         List<Tag> emergingTags, List<Evader> evaders) {

  /** The goals {@link #targets} checks. */
  public static final double RECALL_TARGET = 0.95;
  public static final double PRECISION_TARGET = 0.98;

  public Evaluation {
    Objects.requireNonNull(scenario, "scenario");
    timesToFlag = timesToFlag.stream().sorted().toList();
    floodersAtHigh = List.copyOf(floodersAtHigh);
    lookalikesAtHigh = List.copyOf(lookalikesAtHigh);
    ordinaryAtHigh = List.copyOf(ordinaryAtHigh);
    emergingTags = List.copyOf(emergingTags);
    evaders = List.copyOf(evaders);
  }

  /**
   * An emerging tag of the truth. Proposed when {@code hashtags.jsonl} has its line (compared
   * case-folded) with a {@code proposed_state}; {@code proposedAt} is the event time it was first
   * proposed, when the line says.
   */
  public record Tag(String tag, String ring, Instant startedAt, Optional<String> proposedState,
                    Optional<Instant> proposedAt) {
    public boolean proposed() {
      return proposedState.isPresent();
    }

    /** How long after the ring started using it the tag was proposed. */
    public Optional<Duration> timeToPropose() {
      return proposedAt.filter(a -> proposed()).map(a -> Duration.between(startedAt, a));
    }
  }

  /**
   * A suspended account and the evader that came back for it. Linked (the goal: linked to
   * the ring of the account it replaced) when the evader's verdict has an {@code evasion.linked}
   * signal naming a suspended account of the same ring, and the evader's verdict is in the same
   * ring of Ringbreaker's as the account it replaced. {@code namesReplaced}: the signal names that
   * very account (an evader that reuses only the ring's known media, which every sharer in the ring
   * posts, may be tied to a fellow suspended member instead).
   *
   * @param reused what the evader reuses of the suspended account ({@link Truth.Suspension#reused})
   */
  public record Evader(String suspended, String evader, String ring, List<String> reused, boolean signalled,
                       boolean namesReplaced, Optional<String> evaderRing, Optional<String> suspendedRing) {
    public Evader {
      reused = List.copyOf(reused);
    }

    public boolean linked() {
      return signalled && evaderRing.isPresent() && evaderRing.equals(suspendedRing);
    }
  }

  /** Of the evaders that reuse {@code kind}, how many were linked. */
  public record KindTally(String kind, int linked, int total) {}

  /** One goal: {@code actual} as shown, and whether it was met. */
  public record Target(String name, String goal, String actual, boolean met) {}

  // ---- measures -------------------------------------------------------------------------------

  /** Ring accounts at high over all ring accounts; 1 when the truth has none. */
  public double recall() {
    return ringAccounts == 0 ? 1 : (double) ringAtHigh / ringAccounts;
  }

  /** Ring accounts at high over all accounts at high; 1 when nothing is at high (no false alarm). */
  public double precision() {
    return accountsAtHigh == 0 ? 1 : (double) ringAtHigh / accountsAtHigh;
  }

  /** Nearest-rank percentile of {@link #timesToFlag}; empty when no ring account was flagged. */
  public Optional<Duration> timeToFlag(double percentile) {
    if (timesToFlag.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(percentile / 100 * timesToFlag.size());
    return Optional.of(timesToFlag.get(Math.max(0, Math.min(timesToFlag.size(), rank) - 1)));
  }

  public long tagsProposed() {
    return emergingTags.stream().filter(Tag::proposed).count();
  }

  public long evadersLinked() {
    return evaders.stream().filter(Evader::linked).count();
  }

  /** Linked evaders per kind of reused trace, kinds in the order first seen. */
  public List<KindTally> byReusedKind() {
    Map<String, int[]> tally = new LinkedHashMap<>();
    for (Evader e : evaders) {
      for (String kind : e.reused()) {
        int[] t = tally.computeIfAbsent(kind, k -> new int[2]);
        t[0] += e.linked() ? 1 : 0;
        t[1]++;
      }
    }
    List<KindTally> out = new ArrayList<>();
    tally.forEach((k, t) -> out.add(new KindTally(k, t[0], t[1])));
    return out;
  }

  /**
   * The goals of ring detection: recall at high of at least {@value #RECALL_TARGET}, precision at
   * high of at least {@value #PRECISION_TARGET}, no flooder and no look-alike at high, every
   * emerging tag proposed, every evader linked.
   */
  public List<Target> targets() {
    return List.of(
        new Target("recall at high", ">= " + RECALL_TARGET, ratio(recall()), recall() >= RECALL_TARGET),
        new Target("precision at high", ">= " + PRECISION_TARGET, ratio(precision()),
            precision() >= PRECISION_TARGET),
        new Target("flooders at high", "0", Integer.toString(floodersAtHigh.size()), floodersAtHigh.isEmpty()),
        new Target("look-alikes at high", "0", Integer.toString(lookalikesAtHigh.size()),
            lookalikesAtHigh.isEmpty()),
        new Target("emerging tags proposed", "all", tagsProposed() + "/" + emergingTags.size(),
            tagsProposed() == emergingTags.size()),
        new Target("evaders linked", "all", evadersLinked() + "/" + evaders.size(),
            evadersLinked() == evaders.size()));
  }

  public boolean allTargetsMet() {
    return targets().stream().allMatch(Target::met);
  }

  // ---- scoring --------------------------------------------------------------------------------

  /**
   * Scores one scan: {@code events} is the scanned events file (for each ring account's first
   * event as actor; lines the scan rejects are skipped), {@code verdicts} and {@code hashtags} the
   * scan's output files.
   *
   * @throws IOException a file that cannot be read, or an output line that is not JSON or has a time
   *     that is not RFC 3339 (named with its file and line)
   */
  public static Evaluation read(String scenario, Truth truth, Path events, Path verdicts, Path hashtags)
      throws IOException {
    Set<String> ring = new HashSet<>(truth.ringAccountIds());
    Map<String, Instant> firstActs = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        firstAct(line, ring).ifPresent(a -> firstActs.merge(a.actor(), a.at(), (x, y) -> x.isBefore(y) ? x : y));
      }
    }
    List<JsonNode> verdictLines = new ArrayList<>();
    forEachLine(verdicts, line -> {
      if (line.path("subject").path("type").asText("").equals("account")) {
        AccountVerdict.of(line); // a bad time is named with its line here, not later
        verdictLines.add(line);
      }
    });
    List<JsonNode> hashtagLines = new ArrayList<>();
    forEachLine(hashtags, line -> {
      instant(line, "proposed_at");
      hashtagLines.add(line);
    });
    return of(scenario, truth, firstActs, verdictLines, hashtagLines);
  }

  /**
   * Scores verdict and hashtag lines (as JSON) against the truth. Verdict lines that are not about
   * an account are ignored; {@code firstActs} gives each ring account's first event as actor.
   *
   * @throws java.time.format.DateTimeParseException a time that is not RFC 3339
   */
  public static Evaluation of(String scenario, Truth truth, Map<String, Instant> firstActs, List<JsonNode> verdicts,
                              List<JsonNode> hashtags) {
    Map<String, AccountVerdict> byAccount = new HashMap<>();
    for (JsonNode v : verdicts) {
      if (v.path("subject").path("type").asText("").equals("account")) {
        AccountVerdict a = AccountVerdict.of(v);
        byAccount.put(a.id(), a);
      }
    }
    int ringAccounts = 0;
    int ringAtHigh = 0;
    int never = 0;
    List<Duration> times = new ArrayList<>();
    List<String> flooders = new ArrayList<>();
    List<String> lookalikes = new ArrayList<>();
    List<String> ordinary = new ArrayList<>();
    for (Truth.Account a : truth.accounts()) {
      Optional<AccountVerdict> v = Optional.ofNullable(byAccount.get(a.id()));
      boolean high = v.filter(AccountVerdict::high).isPresent();
      switch (a.role()) {
        case RING, EVADER -> {
          ringAccounts++;
          ringAtHigh += high ? 1 : 0;
          Optional<Instant> flagged = v.flatMap(AccountVerdict::firstFlaggedAt);
          Instant acted = firstActs.get(a.id());
          if (flagged.isEmpty()) {
            never++;
          } else if (acted != null) {
            Duration d = Duration.between(acted, flagged.get());
            times.add(d.isNegative() ? Duration.ZERO : d);
          }
        }
        case FLOODER -> {
          if (high) {
            flooders.add(a.id());
          }
        }
        case LOOKALIKE_CARDS, LOOKALIKE_DOCS -> {
          if (high) {
            lookalikes.add(a.id());
          }
        }
        case ORDINARY -> {
          if (high) {
            ordinary.add(a.id());
          }
        }
      }
    }
    int accountsAtHigh = (int) byAccount.values().stream().filter(AccountVerdict::high).count();

    Map<String, JsonNode> tagLines = new HashMap<>();
    for (JsonNode h : hashtags) {
      tagLines.putIfAbsent(fold(h.path("tag").asText("")), h);
    }
    List<Tag> tags = new ArrayList<>();
    for (Truth.EmergingTag t : truth.emergingTags()) {
      Optional<JsonNode> line = Optional.ofNullable(tagLines.get(fold(t.tag())));
      tags.add(new Tag(t.tag(), t.ring(), t.startedAt(), line.flatMap(l -> text(l, "proposed_state")),
          line.flatMap(l -> instant(l, "proposed_at"))));
    }
    boolean flooded = Optional.ofNullable(tagLines.get(fold(truth.listedTag())))
        .map(l -> l.path("flooded").asBoolean(false)).orElse(false);

    List<Evader> evaders = new ArrayList<>();
    for (Truth.Suspension s : truth.suspensions()) {
      if (s.evader().isEmpty()) {
        continue;
      }
      Optional<AccountVerdict> ev = Optional.ofNullable(byAccount.get(s.evader().get()));
      Optional<AccountVerdict> gone = Optional.ofNullable(byAccount.get(s.account()));
      Set<String> suspendedOfRing = new HashSet<>();
      truth.suspensions().stream().filter(x -> x.ring().equals(s.ring())).forEach(x -> suspendedOfRing.add(x.account()));
      boolean signalled = ev.map(v -> v.linkedTo().stream().anyMatch(suspendedOfRing::contains)).orElse(false);
      boolean names = ev.map(v -> v.linkedTo().contains(s.account())).orElse(false);
      evaders.add(new Evader(s.account(), s.evader().get(), s.ring(), s.reused(), signalled, names,
          ev.flatMap(AccountVerdict::ring), gone.flatMap(AccountVerdict::ring)));
    }
    return new Evaluation(scenario, ringAccounts, ringAtHigh, accountsAtHigh, times, never, flooders, lookalikes,
        ordinary, flooded, tags, evaders);
  }

  /**
   * Several scenarios as one: recall and precision over the pooled accounts, counts summed, times
   * to flag pooled. Account ids are prefixed with their scenario ({@code seed 2/u17}), as ids
   * repeat from one scenario to the next.
   */
  public static Evaluation pool(String scenario, List<Evaluation> parts) {
    int ring = 0;
    int ringHigh = 0;
    int high = 0;
    int never = 0;
    boolean flooded = !parts.isEmpty();
    List<Duration> times = new ArrayList<>();
    List<String> flooders = new ArrayList<>();
    List<String> lookalikes = new ArrayList<>();
    List<String> ordinary = new ArrayList<>();
    List<Tag> tags = new ArrayList<>();
    List<Evader> evaders = new ArrayList<>();
    for (Evaluation e : parts) {
      ring += e.ringAccounts;
      ringHigh += e.ringAtHigh;
      high += e.accountsAtHigh;
      never += e.neverFlagged;
      flooded &= e.floodDetected;
      times.addAll(e.timesToFlag);
      e.floodersAtHigh.forEach(id -> flooders.add(e.scenario + "/" + id));
      e.lookalikesAtHigh.forEach(id -> lookalikes.add(e.scenario + "/" + id));
      e.ordinaryAtHigh.forEach(id -> ordinary.add(e.scenario + "/" + id));
      tags.addAll(e.emergingTags);
      for (Evader v : e.evaders) {
        evaders.add(new Evader(e.scenario + "/" + v.suspended(), e.scenario + "/" + v.evader(), v.ring(),
            v.reused(), v.signalled(), v.namesReplaced(), v.evaderRing(), v.suspendedRing()));
      }
    }
    return new Evaluation(scenario, ring, ringHigh, high, times, never, flooders, lookalikes, ordinary, flooded,
        tags, evaders);
  }

  private record Act(String actor, Instant at) {}

  /**
   * The actor and time of an event line by one of {@code who}. A line the scan would reject (not
   * JSON, no time) is skipped here as it is there.
   */
  private static Optional<Act> firstAct(String line, Set<String> who) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode n = ContractJson.mapper().readTree(line);
      String actor = n.path("actor").asText("");
      if (!who.contains(actor)) {
        return Optional.empty();
      }
      return instant(n, "occurred_at").map(at -> new Act(actor, at));
    } catch (JsonProcessingException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** What the scoring needs of an account's verdict line. */
  private record AccountVerdict(String id, boolean high, Optional<String> ring, Optional<Instant> firstFlaggedAt,
                                Set<String> linkedTo) {
    static AccountVerdict of(JsonNode v) {
      String severity = v.path("severity").asText("");
      Set<String> linked = new HashSet<>();
      for (JsonNode s : v.path("signals")) {
        if (s.path("kind").asText("").equals("evasion.linked")) {
          linked.add(s.path("value").asText(""));
        }
      }
      return new AccountVerdict(v.path("subject").path("id").asText(""),
          severity.equals("high") || severity.equals("critical"), text(v, "ring"), instant(v, "first_flagged_at"),
          linked);
    }
  }

  // ---- JSON -----------------------------------------------------------------------------------

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("scenario", scenario);
    o.put("ring_accounts", ringAccounts);
    o.put("ring_accounts_at_high", ringAtHigh);
    o.put("accounts_at_high", accountsAtHigh);
    o.put("recall_at_high", round(recall()));
    o.put("precision_at_high", round(precision()));
    ObjectNode t = o.putObject("time_to_first_flag");
    t.put("flagged", timesToFlag.size());
    t.put("never_flagged", neverFlagged);
    t.put("median", timeToFlag(50).map(Duration::toString).orElse(null));
    t.put("p90", timeToFlag(90).map(Duration::toString).orElse(null));
    t.put("max", timeToFlag(100).map(Duration::toString).orElse(null));
    ids(o.putObject("flooders_at_high"), floodersAtHigh);
    ids(o.putObject("lookalikes_at_high"), lookalikesAtHigh);
    ids(o.putObject("ordinary_at_high"), ordinaryAtHigh);
    o.put("flood_detected", floodDetected);
    o.put("emerging_tags_proposed", tagsProposed());
    ArrayNode tags = o.putArray("emerging_tags");
    for (Tag g : emergingTags) {
      tags.addObject().put("tag", g.tag()).put("ring", g.ring()).put("started_at", g.startedAt().toString())
          .put("proposed", g.proposed()).put("proposed_state", g.proposedState().orElse(null))
          .put("proposed_at", g.proposedAt().map(Instant::toString).orElse(null))
          .put("time_to_propose", g.timeToPropose().map(Duration::toString).orElse(null));
    }
    o.put("evaders_linked", evadersLinked());
    ArrayNode evs = o.putArray("evaders");
    for (Evader e : evaders) {
      ObjectNode eo = evs.addObject().put("suspended", e.suspended()).put("evader", e.evader()).put("ring", e.ring());
      e.reused().forEach(eo.putArray("reused")::add);
      eo.put("signalled", e.signalled()).put("names_replaced", e.namesReplaced()).put("evader_ring", e.evaderRing().orElse(null))
          .put("suspended_ring", e.suspendedRing().orElse(null)).put("linked", e.linked());
    }
    ArrayNode kinds = o.putArray("evaders_by_reused_kind");
    byReusedKind().forEach(k -> kinds.addObject().put("kind", k.kind()).put("linked", k.linked())
        .put("total", k.total()));
    ArrayNode ts = o.putArray("targets");
    targets().forEach(g -> ts.addObject().put("name", g.name()).put("goal", g.goal()).put("actual", g.actual())
        .put("met", g.met()));
    o.put("all_targets_met", allTargetsMet());
    return o;
  }

  public String toJsonText() {
    try {
      return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- text -----------------------------------------------------------------------------------

  /** The report of one scenario: the measures, the targets, and what missed. */
  public String toText() {
    TextTable m = new TextTable("measure", "value", "target", "");
    Map<String, Target> byName = new LinkedHashMap<>();
    targets().forEach(t -> byName.put(t.name(), t));
    m.row("ring accounts at high", ringAtHigh + "/" + ringAccounts, "", "");
    targetRow(m, byName.get("recall at high"));
    targetRow(m, byName.get("precision at high"));
    m.row("accounts at high", Integer.toString(accountsAtHigh), "", "");
    m.row("time to first flag: median", duration(timeToFlag(50)), "", "");
    m.row("time to first flag: p90", duration(timeToFlag(90)), "", "");
    m.row("time to first flag: max", duration(timeToFlag(100)), "", "");
    m.row("ring accounts never flagged", Integer.toString(neverFlagged), "", "");
    targetRow(m, byName.get("flooders at high"));
    targetRow(m, byName.get("look-alikes at high"));
    m.row("ordinary at high", Integer.toString(ordinaryAtHigh.size()), "", "");
    m.row("flood detected", floodDetected ? "yes" : "no", "", "");
    targetRow(m, byName.get("emerging tags proposed"));
    targetRow(m, byName.get("evaders linked"));
    for (KindTally k : byReusedKind()) {
      m.row("  reusing " + k.kind(), k.linked() + "/" + k.total(), "", "");
    }
    StringBuilder sb = new StringBuilder(scenario).append('\n').append(m.render());
    list(sb, "flooders at high", floodersAtHigh);
    list(sb, "look-alikes at high", lookalikesAtHigh);
    list(sb, "ordinary at high", ordinaryAtHigh);
    if (!emergingTags.isEmpty()) {
      TextTable t = new TextTable("emerging tag", "ring", "proposed", "after");
      emergingTags.forEach(g -> t.row(g.tag(), g.ring(), g.proposedState().orElse("no"), duration(g.timeToPropose())));
      sb.append('\n').append(t.render());
    }
    if (!evaders.isEmpty()) {
      TextTable t = new TextTable("evader", "suspended", "reuses", "signal", "same ring", "linked");
      evaders.forEach(e -> t.row(e.evader(), e.suspended(), String.join(",", e.reused()),
          e.signalled() ? (e.namesReplaced() ? "yes" : "yes, to a fellow member") : "no",
          e.evaderRing().isPresent() && e.evaderRing().equals(e.suspendedRing()) ? "yes" : "no",
          e.linked() ? "yes" : "no"));
      sb.append('\n').append(t.render());
    }
    return sb.toString();
  }

  /**
   * One row per scenario, the last one usually the pooled {@code all}: the measures side by side,
   * then the targets of the last row.
   */
  public static String table(List<Evaluation> rows) {
    TextTable t = new TextTable("scenario", "recall", "precision", "ring@high", "all@high", "flooders", "look-alikes",
        "ordinary", "tags", "evaders", "flag p50", "flag p90", "flag max", "never");
    for (Evaluation e : rows) {
      t.row(e.scenario, ratio(e.recall()), ratio(e.precision()), e.ringAtHigh + "/" + e.ringAccounts,
          Integer.toString(e.accountsAtHigh), Integer.toString(e.floodersAtHigh.size()),
          Integer.toString(e.lookalikesAtHigh.size()), Integer.toString(e.ordinaryAtHigh.size()),
          e.tagsProposed() + "/" + e.emergingTags.size(), e.evadersLinked() + "/" + e.evaders.size(),
          duration(e.timeToFlag(50)), duration(e.timeToFlag(90)), duration(e.timeToFlag(100)),
          Integer.toString(e.neverFlagged));
    }
    StringBuilder sb = new StringBuilder(t.render());
    if (!rows.isEmpty()) {
      Evaluation last = rows.get(rows.size() - 1);
      TextTable g = new TextTable("target (" + last.scenario + ")", "value", "goal", "");
      last.targets().forEach(x -> targetRow(g, x));
      sb.append('\n').append(g.render());
    }
    return sb.toString();
  }

  private static void targetRow(TextTable t, Target x) {
    t.row(x.name(), x.actual(), x.goal(), x.met() ? "pass" : "FAIL");
  }

  private static void list(StringBuilder sb, String what, List<String> ids) {
    if (!ids.isEmpty()) {
      sb.append(what).append(": ").append(String.join(" ", ids.subList(0, Math.min(ids.size(), 20))))
          .append(ids.size() > 20 ? " … (" + ids.size() + ")" : "").append('\n');
    }
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** {@code 45s}, {@code 12m}, {@code 3h 05m}, {@code 2d 4h}; {@code -} when there is none. */
  static String duration(Optional<Duration> d) {
    if (d.isEmpty()) {
      return "-";
    }
    long s = d.get().toSeconds();
    String sign = s < 0 ? "-" : "";
    s = Math.abs(s);
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return sign + s / 60 + "m";
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%s%dh %02dm", sign, s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%s%dd %dh", sign, s / 86_400, s % 86_400 / 3600);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static void ids(ObjectNode o, List<String> ids) {
    o.put("count", ids.size());
    ids.forEach(o.putArray("ids")::add);
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Each line of a JSON Lines file as JSON; a line that is not a JSON object is an error naming it. */
  private static void forEachLine(Path file, Consumer<JsonNode> reader) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = ContractJson.mapper().readTree(line);
          if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
          }
          reader.accept(node);
        } catch (JsonProcessingException e) {
          throw new IOException(file + " line " + n + ": not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
          throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static Optional<String> text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  private static Optional<Instant> instant(JsonNode o, String field) {
    return text(o, field).map(Instant::parse);
  }

  private static String fold(String tag) {
    return tag.toLowerCase(Locale.ROOT);
  }

  /** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
  static final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    String render() {
      int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
      int[] width = new int[cols];
      for (String[] r : rows) {
        for (int c = 0; c < r.length; c++) {
          width[c] = Math.max(width[c], r[c].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < r.length; c++) {
          if (c > 0) {
            line.append("  ");
          }
          String pad = " ".repeat(width[c] - r[c].length());
          line.append(c == 0 ? r[c] + pad : pad + r[c]);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
      return sb.toString();
    }
  }
}
