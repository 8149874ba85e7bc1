package io.ringbreaker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

final class SqlCases implements Cases {
  static final String ESCALATED_QUEUE = "escalated";
  static final String REPORT_OUTCOME = "report_outcome";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String COLUMNS = "id, case_key, queue, state, priority, severity_rank, opened_at_us, "
      + "sla_due_at_us, claimed_by, lease_until_us, decided_at_us, subjects, reports, ring";
  private static final String SUBJECT_COLUMNS = "case_id, subject_type, subject_id, queue, severity_rank, priority, "
      + "actions, reports, report_ids, risk, ring, author, verdict_key, updated_at_us";
  private static final String DECISION_COLUMNS = "id, case_id, subject_type, subject_id, reviewer, decision, category, "
      + "reason, actions, state, decided_at_us, second_reviewer, confirmed_at_us, applied_at_us";
  static final String ORDER = " ORDER BY sort_key DESC, id";

  private final Db db;
  private final int commonTerm;
  private final int walkRows;

  SqlCases(Db db) {
    this(db, COMMON_TERM, WALK);
  }

  /** With other search thresholds (see {@link #COMMON_TERM} and {@link #WALK}), so tests reach every path with few cases. */
  SqlCases(Db db, int commonTerm, int walk) {
    this.db = db;
    this.commonTerm = commonTerm;
    this.walkRows = walk;
  }

  // ---- opened and updated with the verdicts -------------------------------------------------

  /** Applies verdict changes to the cases, inside the state commit's transaction. */
  static void apply(Connection c, List<CaseUpdate> updates) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    Set<Long> touched = new LinkedHashSet<>();
    for (CaseUpdate u : updates) {
      Optional<long[]> latest = latest(c, u.caseKey()); // [id, active 0/1]
      if (latest.isPresent() && latest.get()[1] == 1) {
        upsertSubject(c, latest.get()[0], u);
        touched.add(latest.get()[0]);
        continue;
      }
      if (!u.review()) {
        continue; // below review and no active case: nothing for a person
      }
      if (latest.isPresent()) {
        // The last case of this key was decided. Open another only for what is new to it: a subject
        // it did not have, or one whose verdict is now more severe than what was decided.
        OptionalInt decidedRank = subjectRank(c, latest.get()[0], u.subjectType(), u.subjectId());
        if (decidedRank.isPresent() && decidedRank.getAsInt() >= Severities.rank(u.severity())) {
          continue;
        }
      }
      long id = openCase(c, u);
      upsertSubject(c, id, u);
      touched.add(id);
    }
    for (long id : touched) {
      recompute(c, id);
    }
  }

  private record OptionalInt(boolean isPresent, int getAsInt) {
    static final OptionalInt EMPTY = new OptionalInt(false, 0);
  }

  private static Optional<long[]> latest(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, state FROM cases WHERE case_key = ? ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        boolean active = CaseState.fromWire(rs.getString(2)).map(CaseState::active).orElse(false);
        return Optional.of(new long[] {rs.getLong(1), active ? 1 : 0});
      }
    }
  }

  private static OptionalInt subjectRank(Connection c, long caseId, String type, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT severity_rank FROM case_subjects WHERE case_id = ? AND subject_type = ? AND subject_id = ?")) {
      ps.setLong(1, caseId);
      ps.setString(2, type);
      ps.setString(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new OptionalInt(true, rs.getInt(1)) : OptionalInt.EMPTY;
      }
    }
  }

  private static long openCase(Connection c, CaseUpdate u) throws SQLException {
    int rank = Severities.rank(u.severity());
    long opened = Times.micros(u.at());
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO cases (case_key, queue, state, priority, sort_key, severity_rank, opened_at_us, sla_due_at_us, "
            + "subjects, reports) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, 0, 0) RETURNING id")) {
      ps.setString(1, u.caseKey());
      ps.setString(2, u.queue());
      ps.setDouble(3, u.priority());
      ps.setDouble(4, CasePriority.sortKey(u.priority(), u.at()));
      ps.setInt(5, rank);
      ps.setLong(6, opened);
      ps.setLong(7, opened + CasePriority.sla(rank).toNanos() / 1000);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void upsertSubject(Connection c, long caseId, CaseUpdate u) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO case_subjects (" + SUBJECT_COLUMNS + ", weighted_reports) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (case_id, subject_type, subject_id) DO UPDATE SET queue = excluded.queue, "
            + "severity_rank = excluded.severity_rank, priority = excluded.priority, actions = excluded.actions, "
            + "reports = excluded.reports, report_ids = excluded.report_ids, risk = excluded.risk, "
            + "ring = excluded.ring, author = COALESCE(excluded.author, case_subjects.author), "
            + "updated_at_us = excluded.updated_at_us, weighted_reports = excluded.weighted_reports")) {
      ps.setLong(1, caseId);
      ps.setString(2, u.subjectType());
      ps.setString(3, u.subjectId());
      ps.setString(4, u.queue());
      ps.setInt(5, Severities.rank(u.severity()));
      ps.setDouble(6, u.priority());
      ps.setString(7, json(u.actions()));
      ps.setInt(8, u.reports());
      ps.setString(9, json(u.reportIds()));
      ps.setBoolean(10, u.risk());
      setText(ps, 11, u.ring());
      setText(ps, 12, u.author());
      ps.setString(13, u.subjectType() + ":" + u.subjectId());
      ps.setLong(14, Times.micros(u.at()));
      ps.setDouble(15, u.weightedReports());
      ps.executeUpdate();
    }
    if (!u.terms().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO case_terms (term, case_id) VALUES (?, ?) ON CONFLICT (term, case_id) DO NOTHING")) {
        for (String t : new LinkedHashSet<>(u.terms())) {
          ps.setString(1, t);
          ps.setLong(2, caseId);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  /** A case's severity, priority, SLA, counts, ring and (while open) queue follow its subjects. */
  private static void recompute(Connection c, long caseId) throws SQLException {
    int rank = 0;
    int subjects = 0;
    int reports = 0;
    double top = -1;
    String topQueue = null;
    String ring = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT severity_rank, priority, reports, queue, ring FROM case_subjects WHERE case_id = ?")) {
      ps.setLong(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          subjects++;
          rank = Math.max(rank, rs.getInt(1));
          reports += rs.getInt(3);
          if (rs.getDouble(2) > top) {
            top = rs.getDouble(2);
            topQueue = rs.getString(4);
          }
          if (ring == null) {
            ring = rs.getString(5);
          }
        }
      }
    }
    long opened;
    try (PreparedStatement ps = c.prepareStatement("SELECT opened_at_us FROM cases WHERE id = ?")) {
      ps.setLong(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        opened = rs.getLong(1);
      }
    }
    double priority = CasePriority.ofCase(Math.max(0, top), subjects);
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE cases SET priority = ?, sort_key = ?, severity_rank = ?, sla_due_at_us = ?, subjects = ?, "
            + "reports = ?, ring = ?, queue = CASE WHEN state = 'open' AND queue <> ? THEN ? ELSE queue END "
            + "WHERE id = ?")) {
      ps.setDouble(1, priority);
      ps.setDouble(2, CasePriority.sortKey(priority, Times.instant(opened)));
      ps.setInt(3, rank);
      ps.setLong(4, opened + CasePriority.sla(rank).toNanos() / 1000);
      ps.setInt(5, subjects);
      ps.setInt(6, reports);
      setText(ps, 7, Optional.ofNullable(ring));
      // An escalated case stays with the people it was escalated to.
      ps.setString(8, ESCALATED_QUEUE);
      ps.setString(9, topQueue);
      ps.setLong(10, caseId);
      ps.executeUpdate();
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  @Override
  public Optional<CaseRow> get(long id) {
    return db.read("case " + id, c -> find(c, id, false));
  }

  private Optional<CaseRow> find(Connection c, long id, boolean lock) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM cases WHERE id = ?" + (lock && postgres() ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(caseRow(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<CaseSubjectRow> subjects(long caseId) {
    return db.read("subjects of case " + caseId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBJECT_COLUMNS
          + " FROM case_subjects WHERE case_id = ? ORDER BY priority DESC, subject_type, subject_id")) {
        ps.setLong(1, caseId);
        return subjectRows(ps);
      }
    });
  }

  private static List<CaseSubjectRow> subjectRows(PreparedStatement ps) throws SQLException {
    List<CaseSubjectRow> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new CaseSubjectRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Severities.name(rs.getInt(5)), rs.getDouble(6), list(rs.getString(7)), rs.getInt(8),
            list(rs.getString(9)), rs.getBoolean(10), Optional.ofNullable(rs.getString(11)),
            Optional.ofNullable(rs.getString(12)), rs.getString(13), Times.instant(rs.getLong(14))));
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<DecisionRow> decisions(long caseId) {
    return db.read("decisions of case " + caseId, c -> decisions(c, "case_id = ?", caseId));
  }

  @Override
  public Optional<DecisionRow> decision(long id) {
    return db.read("decision " + id, c -> decisions(c, "id = ?", id).stream().findFirst());
  }

  private static List<DecisionRow> decisions(Connection c, String where, Object... args) throws SQLException {
    List<DecisionRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + DECISION_COLUMNS + " FROM decisions WHERE " + where
            + (where.contains("ORDER BY") ? "" : " ORDER BY id"))) {
      bind(ps, List.of(args));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new DecisionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              DecisionKind.fromWire(rs.getString(6)).orElseThrow(), rs.getString(7), rs.getString(8),
              list(rs.getString(9)), DecisionRow.State.fromWire(rs.getString(10)), Times.instant(rs.getLong(11)),
              Optional.ofNullable(rs.getString(12)), optionalInstant(rs, 13), optionalInstant(rs, 14)));
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public Page<CaseRow> list(CaseQuery q) {
    Objects.requireNonNull(q, "q");
    Optional<Cursor> after = q.after().map(Cursor::decode);
    Optional<String> word = q.q().map(CaseQuery::term);
    int rows = q.limit() + 1; // one more than the page: is there a next page?
    return db.read("case query", c -> {
      List<Object> args = new ArrayList<>();
      String sql;
      if (word.isPresent()) {
        if (q.state().isPresent() && termCases(c, word.get(), commonTerm) >= commonTerm) {
          Optional<List<Keyed>> walked = walk(c, q.queue(), q.state().get(), word.get(), after, rows);
          if (walked.isPresent()) {
            return page(walked.get(), q.limit());
          }
        }
        sql = byTerm(q.queue(), q.state(), word.get(), after, rows, args);
      } else if (q.state().isPresent()) {
        sql = inOrder(q.queue(), q.state().get(), after, rows, args);
      } else {
        // Any state: neither index orders a whole queue (or every case) by urgency, so one query
        // would read and sort all of them. Each state's read follows its index and stops at a page.
        List<String> parts = new ArrayList<>();
        for (CaseState s : CaseState.values()) {
          parts.add("SELECT * FROM (" + inOrder(q.queue(), s, after, rows, args) + ") AS s" + s.ordinal());
        }
        sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") AS u" + ORDER + " LIMIT ?";
        args.add(rows);
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        return page(keyed(ps), q.limit());
      }
    });
  }

  /**
   * A search word found in at least this many cases is looked for by walking the queue in order
   * (see {@link #walk}); below it, its cases are read and sorted, which costs at most this many reads.
   */
  static final int COMMON_TERM = 2_000;
  /** The most cases of a queue and state a walk reads before it leaves the search to the word's own cases. */
  static final int WALK = 10_000;

  /** A case with the sort key the page cursor is made of. */
  private record Keyed(CaseRow row, double sortKey) {}

  private static Page<CaseRow> page(List<Keyed> rows, int limit) {
    List<CaseRow> items = new ArrayList<>(Math.min(rows.size(), limit));
    for (int i = 0; i < Math.min(rows.size(), limit); i++) {
      items.add(rows.get(i).row());
    }
    if (rows.size() <= limit) {
      return new Page<>(items, Optional.empty());
    }
    Keyed last = rows.get(limit - 1);
    return new Page<>(items, Optional.of(new Cursor(last.sortKey(), last.row().id()).encode()));
  }

  private static List<Keyed> keyed(PreparedStatement ps) throws SQLException {
    List<Keyed> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Keyed(caseRow(rs), rs.getDouble(15)));
      }
    }
    return out;
  }

  /** Cases of one state (and queue), most urgent first: a read of cases_by_queue or cases_by_state in order. */
  private static String inOrder(Optional<String> queue, CaseState state, Optional<Cursor> after, int rows,
                                List<Object> args) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", sort_key FROM cases WHERE state = ?");
    args.add(state.wire());
    queue.ifPresent(v -> {
      sql.append(" AND queue = ?");
      args.add(v);
    });
    keyset(sql, after, args);
    sql.append(ORDER).append(" LIMIT ?");
    args.add(rows);
    return sql.toString();
  }

  private static void keyset(StringBuilder sql, Optional<Cursor> after, List<Object> args) {
    after.ifPresent(k -> {
      sql.append(" AND (sort_key < ? OR (sort_key = ? AND id > ?))");
      args.addAll(List.of(k.sortKey, k.sortKey, k.id));
    });
  }

  /** How many cases a word is found in, counted up to {@code max}: a read of that many index entries at most. */
  private static int termCases(Connection c, String word, int max) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM (SELECT 1 FROM case_terms WHERE term = ? LIMIT ?) AS t")) {
      ps.setString(1, word);
      ps.setInt(2, max);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * The word's cases read by id, then filtered and sorted: costs what the word's case count does,
   * whatever the size of the queue. On PostgreSQL the ids go in as an array so the planner cannot
   * walk the queue instead (it does for a word its statistics call common, and then reads the whole
   * queue when the word's cases are elsewhere).
   */
  private String byTerm(Optional<String> queue, Optional<CaseState> state, String word, Optional<Cursor> after,
                        int rows, List<Object> args) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", sort_key FROM cases WHERE id ")
        .append(postgres() ? "= ANY(ARRAY(SELECT case_id FROM case_terms WHERE term = ?))"
            : "IN (SELECT case_id FROM case_terms WHERE term = ?)");
    args.add(word);
    queue.ifPresent(v -> {
      sql.append(" AND queue = ?");
      args.add(v);
    });
    state.ifPresent(v -> {
      sql.append(" AND state = ?");
      args.add(v.wire());
    });
    keyset(sql, after, args);
    sql.append(ORDER).append(" LIMIT ?");
    args.add(rows);
    return sql.toString();
  }

  /**
   * A common word in a queue: the first {@link #WALK} cases of the queue in order (index entries
   * only), each checked for the word, until a page is found. Empty when the walk ends first (the
   * word is common, but not here): then its own cases are read ({@link #byTerm}).
   */
  private Optional<List<Keyed>> walk(Connection c, Optional<String> queue, CaseState state, String word,
                                     Optional<Cursor> after, int rows) throws SQLException {
    List<Object> args = new ArrayList<>();
    StringBuilder inner = new StringBuilder("SELECT id, sort_key FROM cases WHERE state = ?");
    args.add(state.wire());
    queue.ifPresent(v -> {
      inner.append(" AND queue = ?");
      args.add(v);
    });
    keyset(inner, after, args);
    inner.append(ORDER).append(" LIMIT ?");
    args.add(walkRows);
    String sql = "SELECT " + COLUMNS.replaceAll("(\\w+)", "k.$1") + ", k.sort_key FROM (SELECT w.id, w.sort_key FROM ("
        + inner + ") AS w WHERE EXISTS (SELECT 1 FROM case_terms t WHERE t.term = ? AND t.case_id = w.id)"
        + ORDER + " LIMIT ?) AS m JOIN cases k ON k.id = m.id ORDER BY m.sort_key DESC, m.id";
    args.add(word);
    args.add(rows);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      List<Keyed> found = keyed(ps);
      return found.size() == rows ? Optional.of(found) : Optional.empty();
    }
  }

  /**
   * The active states exactly as the partial index cases_active (V8) names them: a query must repeat
   * this condition word for word for SQLite and PostgreSQL to prove the index covers it.
   */
  static final String ACTIVE = "state IN ('open', 'claimed', 'awaiting_confirmation')";
  /** Per queue and state: how many, the oldest opening, and how many are past their SLA at the bound time. */
  static final String QUEUE_COUNTS = "SELECT queue, state, COUNT(*), MIN(opened_at_us), "
      + "SUM(CASE WHEN sla_due_at_us < ? THEN 1 ELSE 0 END) FROM cases WHERE ";

  @Override
  public List<QueueStats> queues(Instant now) {
    long nowUs = Times.micros(now);
    // Counted in the database from cases_active alone (an index-only read); a claimed case whose
    // lease ended still counts as claimed, and a breach is counted in every active state.
    return db.read("queue counts", c -> queueStats(c, QUEUE_COUNTS + ACTIVE + " GROUP BY queue, state", nowUs));
  }

  /** Runs a {@link #QUEUE_COUNTS} query (grouped by queue and state) and folds its rows into one line per queue. */
  static List<QueueStats> queueStats(Connection c, String sql, long nowUs) throws SQLException {
    Map<String, long[]> byQueue = new TreeMap<>(); // open, claimed, awaiting, oldest open, breaches
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, nowUs);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fold(byQueue, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
      }
    }
    return queueStats(byQueue);
  }

  /** Adds one (queue, state) group to the per-queue totals. */
  static void fold(Map<String, long[]> byQueue, String queue, String state, long count, long oldest, long breaches) {
    long[] q = byQueue.computeIfAbsent(queue, k -> new long[] {0, 0, 0, Long.MAX_VALUE, 0});
    int slot = switch (state) {
      case "open" -> 0;
      case "claimed" -> 1;
      default -> 2;
    };
    q[slot] += count;
    if (slot == 0) {
      q[3] = Math.min(q[3], oldest);
    }
    q[4] += breaches;
  }

  static List<QueueStats> queueStats(Map<String, long[]> byQueue) {
    List<QueueStats> out = new ArrayList<>();
    byQueue.forEach((name, q) -> out.add(new QueueStats(name, q[0], q[1], q[2],
        q[3] == Long.MAX_VALUE ? Optional.empty() : Optional.of(Times.instant(q[3])), q[4])));
    return Collections.unmodifiableList(out);
  }

  // ---- claims -------------------------------------------------------------------------------

  @Override
  public Optional<CaseRow> claimNext(String queue, String reviewer, Instant now, Duration lease) {
    Objects.requireNonNull(queue, "queue");
    requireReviewer(reviewer);
    long until = leaseEnd(now, lease);
    long nowUs = Times.micros(now);
    String skip = postgres() ? " FOR UPDATE SKIP LOCKED" : "";
    return db.write("next case of queue " + queue + " for " + reviewer, c -> {
      // Two small index reads rather than one OR: the best open case, and the best whose lease ended.
      long[] open = best(c, "SELECT id, sort_key FROM cases WHERE queue = ? AND state = 'open'" + ORDER
          + " LIMIT 1" + skip, queue);
      long[] expired = best(c, "SELECT id, sort_key FROM cases WHERE state = 'claimed' AND lease_until_us <= ? "
          + "AND queue = ?" + ORDER + " LIMIT 1" + skip, nowUs, queue);
      long[] pick = open == null ? expired
          : expired == null ? open
          : Double.longBitsToDouble(expired[1]) > Double.longBitsToDouble(open[1]) ? expired : open;
      if (pick == null) {
        return Optional.<CaseRow>empty();
      }
      take(c, pick[0], reviewer, until);
      return find(c, pick[0], false);
    });
  }

  private static long[] best(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, List.of(args));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), Double.doubleToRawLongBits(rs.getDouble(2))} : null;
      }
    }
  }

  private static void take(Connection c, long id, String reviewer, long untilUs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE cases SET state = 'claimed', claimed_by = ?, lease_until_us = ? WHERE id = ?")) {
      ps.setString(1, reviewer);
      ps.setLong(2, untilUs);
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }

  @Override
  public CaseRow claim(long caseId, String reviewer, Instant now, Duration lease) {
    requireReviewer(reviewer);
    long until = leaseEnd(now, lease);
    return db.write("claim of case " + caseId + " by " + reviewer, c -> {
      CaseRow row = locked(c, caseId);
      switch (row.state()) {
        case OPEN -> { }
        case CLAIMED -> {
          if (!row.heldBy(reviewer, now) && row.leaseUntil().filter(now::isBefore).isPresent()) {
            throw new CaseException(CaseException.Kind.CONFLICT, "case " + caseId + " is claimed by "
                + row.claimedBy().orElse("?") + " until " + row.leaseUntil().orElseThrow());
          }
        }
        default -> throw new CaseException(CaseException.Kind.CONFLICT,
            "case " + caseId + " is " + row.state().wire() + ": only an open case, or one whose lease ended, can be claimed");
      }
      take(c, caseId, reviewer, until);
      return find(c, caseId, false).orElseThrow();
    });
  }

  @Override
  public CaseRow renew(long caseId, String reviewer, Instant now, Duration lease) {
    requireReviewer(reviewer);
    long until = leaseEnd(now, lease);
    return db.write("lease renewal of case " + caseId, c -> {
      requireLease(locked(c, caseId), reviewer, now);
      take(c, caseId, reviewer, until);
      return find(c, caseId, false).orElseThrow();
    });
  }

  @Override
  public CaseRow release(long caseId, String reviewer, Instant now) {
    requireReviewer(reviewer);
    return db.write("release of case " + caseId, c -> {
      requireLease(locked(c, caseId), reviewer, now);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE cases SET state = 'open', claimed_by = NULL, lease_until_us = NULL WHERE id = ?")) {
        ps.setLong(1, caseId);
        ps.executeUpdate();
      }
      return find(c, caseId, false).orElseThrow();
    });
  }

  private CaseRow locked(Connection c, long caseId) throws SQLException {
    return find(c, caseId, true).orElseThrow(() -> new CaseException(CaseException.Kind.NOT_FOUND, "no case " + caseId));
  }

  private static void requireLease(CaseRow row, String reviewer, Instant now) {
    if (row.heldBy(reviewer, now)) {
      return;
    }
    String why = row.state() != CaseState.CLAIMED ? "it is " + row.state().wire()
        : !row.claimedBy().orElse("").equals(reviewer) ? "it is claimed by " + row.claimedBy().orElse("?")
        : "the lease ended at " + row.leaseUntil().orElseThrow();
    throw new CaseException(CaseException.Kind.CONFLICT,
        reviewer + " does not hold the lease on case " + row.id() + ": " + why + " (claim it first)");
  }

  private static long leaseEnd(Instant now, Duration lease) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
      throw new IllegalArgumentException("lease must be more than 0 and at most " + MAX_LEASE + ", got " + lease);
    }
    return Times.micros(now.plus(lease));
  }

  private static void requireReviewer(String reviewer) {
    Objects.requireNonNull(reviewer, "reviewer");
    if (reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer must name a person");
    }
  }

  // ---- decisions ----------------------------------------------------------------------------

  @Override
  public List<DecisionRow> decide(long caseId, String reviewer, List<SubjectDecision> decisions, Instant now) {
    requireReviewer(reviewer);
    Objects.requireNonNull(decisions, "decisions");
    if (decisions.isEmpty()) {
      throw new CaseException(CaseException.Kind.INVALID, "decisions", "decisions: give at least one");
    }
    long nowUs = Times.micros(now);
    return db.write("decision on case " + caseId + " by " + reviewer, c -> {
      CaseRow row = locked(c, caseId);
      requireLease(row, reviewer, now);
      Map<String, CaseSubjectRow> own = new LinkedHashMap<>();
      for (CaseSubjectRow s : subjectsOf(c, caseId)) {
        own.put(s.subjectType() + ":" + s.subjectId(), s);
      }
      // Expand ring decisions; check every decision before writing anything.
      record Planned(CaseSubjectRow subject, SubjectDecision d, String field) {}
      List<Planned> plan = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Set<Long> otherCases = new LinkedHashSet<>();
      for (int i = 0; i < decisions.size(); i++) {
        SubjectDecision d = decisions.get(i);
        String field = "decisions[" + i + "]";
        validate(d, field);
        List<CaseSubjectRow> targets;
        if (d.subjectType().equals(SubjectDecision.RING)) {
          targets = ringMembers(c, d.subjectId(), caseId);
          if (targets.isEmpty()) {
            throw new CaseException(CaseException.Kind.INVALID, field + ".subject",
                field + ".subject: ring " + d.subjectId() + " has no member in an open case");
          }
        } else {
          CaseSubjectRow s = own.get(d.subjectType() + ":" + d.subjectId());
          if (s == null) {
            throw new CaseException(CaseException.Kind.INVALID, field + ".subject", field + ".subject: "
                + d.subjectType() + ":" + d.subjectId() + " is not a subject of case " + caseId
                + " (its subjects: " + String.join(", ", own.keySet()) + ")");
          }
          targets = List.of(s);
        }
        for (CaseSubjectRow s : targets) {
          String key = s.subjectType() + ":" + s.subjectId();
          if (!seen.add(key)) {
            if (d.subjectType().equals(SubjectDecision.RING)) {
              continue; // an explicit decision about a member wins over the ring's
            }
            throw new CaseException(CaseException.Kind.INVALID, field + ".subject",
                field + ".subject: " + key + " is decided twice");
          }
          if (d.decision() == DecisionKind.CLEAR && s.risk() && d.reason().isBlank()) {
            throw new CaseException(CaseException.Kind.INVALID, field + ".reason", field + ".reason: required to clear "
                + key + ", which has risk signals: say why it is not a violation");
          }
          if (s.caseId() != caseId) {
            otherCases.add(s.caseId());
          }
          plan.add(new Planned(s, d, field));
        }
      }
      for (long other : otherCases) {
        CaseRow o = locked(c, other);
        boolean free = o.state() == CaseState.OPEN || o.heldBy(reviewer, now)
            || (o.state() == CaseState.CLAIMED && o.leaseUntil().filter(t -> !now.isBefore(t)).isPresent());
        if (!free) {
          throw new CaseException(CaseException.Kind.CONFLICT, "the ring decision reaches case " + other + ", which is "
              + (o.state() == CaseState.CLAIMED ? "claimed by " + o.claimedBy().orElse("?") : o.state().wire()));
        }
      }
      List<Long> ids = new ArrayList<>();
      for (Planned p : plan) {
        CaseSubjectRow s = p.subject();
        SubjectDecision d = p.d();
        // A user asked; "no violation" is the answer the 2019 reporters got wrongly: a lead confirms it.
        boolean secondReview = d.decision() == DecisionKind.CLEAR && s.reports() > 0;
        DecisionRow.State state = secondReview ? DecisionRow.State.AWAITING_CONFIRMATION : DecisionRow.State.FINAL;
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO decisions (case_id, subject_type, subject_id, reviewer, decision, category, reason, actions, "
                + "state, decided_at_us, applied_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
          bind(ps, java.util.Arrays.asList(s.caseId(), s.subjectType(), s.subjectId(), reviewer, d.decision().wire(),
              d.category(), d.reason(), json(d.actions()), state.wire(), nowUs,
              // Only a confirmation feeds the lists; the rest has nothing left to apply.
              d.decision() == DecisionKind.CONFIRM ? null : nowUs));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        ids.add(id);
        if (state == DecisionRow.State.FINAL) {
          effects(c, id, s, d.decision(), d.category(), reviewer, nowUs, now);
        }
      }
      Set<Long> cases = new LinkedHashSet<>();
      cases.add(caseId);
      cases.addAll(otherCases);
      for (long id : cases) {
        settle(c, id, nowUs, plan.stream().anyMatch(p -> p.subject().caseId() == id
            && p.d().decision() == DecisionKind.ESCALATE));
      }
      List<DecisionRow> out = new ArrayList<>();
      for (long id : ids) {
        out.addAll(decisions(c, "id = ?", id));
      }
      return Collections.unmodifiableList(out);
    });
  }

  private static void validate(SubjectDecision d, String field) {
    if (!SubjectDecision.CATEGORY.matcher(d.category()).matches() || d.category().length() > 64) {
      throw new CaseException(CaseException.Kind.INVALID, field + ".category", field
          + ".category: want a policy category like csam.known, solicitation or not_violating, got '" + d.category() + "'");
    }
    if (d.decision() == DecisionKind.CLEAR && !d.category().equals(SubjectDecision.NOT_VIOLATING)) {
      throw new CaseException(CaseException.Kind.INVALID, field + ".category",
          field + ".category: a clear is not_violating, got '" + d.category() + "'");
    }
    if (d.decision() == DecisionKind.CONFIRM && d.category().equals(SubjectDecision.NOT_VIOLATING)) {
      throw new CaseException(CaseException.Kind.INVALID, field + ".category",
          field + ".category: a confirm names the violation (e.g. csam.known, solicitation), not not_violating");
    }
    if (d.reason().length() > SubjectDecision.MAX_REASON) {
      throw new CaseException(CaseException.Kind.INVALID, field + ".reason",
          field + ".reason: at most " + SubjectDecision.MAX_REASON + " characters, got " + d.reason().length());
    }
  }

  private static List<CaseSubjectRow> subjectsOf(Connection c, long caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + SUBJECT_COLUMNS + " FROM case_subjects WHERE case_id = ? ORDER BY subject_type, subject_id")) {
      ps.setLong(1, caseId);
      return subjectRows(ps);
    }
  }

  /** The ring's members in this case or in another active one (decided cases keep their decisions). */
  private static List<CaseSubjectRow> ringMembers(Connection c, String ring, long caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBJECT_COLUMNS.replaceAll("(\\w+)", "s.$1")
        + " FROM case_subjects s JOIN cases k ON k.id = s.case_id WHERE s.ring = ? "
        + "AND (k.id = ? OR k.state IN ('open', 'claimed')) ORDER BY s.subject_type, s.subject_id")) {
      ps.setString(1, ring);
      ps.setLong(2, caseId);
      return subjectRows(ps);
    }
  }

  /**
   * A decision in force reaches the platform: confirm approves the subject's actions awaiting a
   * person, clear cancels those not yet delivered; a reported subject's outcome is queued.
   */
  private static void effects(Connection c, long decisionId, CaseSubjectRow s, DecisionKind kind, String category,
                              String by, long nowUs, Instant now) throws SQLException {
    if (kind == DecisionKind.ESCALATE) {
      return;
    }
    List<String> ids = new ArrayList<>();
    for (String action : s.actions()) {
      ids.add(OutboxAction.derivedId(s.subjectType(), s.subjectId(), action));
    }
    if (!ids.isEmpty()) {
      String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
      String sql = kind == DecisionKind.CONFIRM
          ? "UPDATE outbox SET state = 'pending', next_attempt_at_us = ?, decided_by = ?, updated_at_us = ? "
              + "WHERE state = 'awaiting_person' AND action_id IN (" + in + ")"
          : "UPDATE outbox SET state = 'cancelled', next_attempt_at_us = ?, decided_by = ?, updated_at_us = ? "
              + "WHERE state IN ('awaiting_person', 'pending') AND action_id IN (" + in + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<Object> args = new ArrayList<>(List.of(nowUs, by, nowUs));
        args.addAll(ids);
        bind(ps, args);
        ps.executeUpdate();
      }
    }
    if (s.reports() > 0) {
      String action = REPORT_OUTCOME;
      String id = OutboxAction.derivedId(s.subjectType(), s.subjectId(), action + ":" + decisionId);
      ObjectNode o = JSON.createObjectNode();
      o.put("action_id", id);
      o.put("action", action);
      o.putObject("subject").put("type", s.subjectType()).put("id", s.subjectId());
      o.put("outcome", kind == DecisionKind.CONFIRM ? "violation" : "no_violation");
      o.put("category", category);
      o.put("decision_id", decisionId);
      o.put("decided_at", now.toString());
      s.reportIds().forEach(o.putArray("report_ids")::add);
      if (s.reportIds().isEmpty()) {
        o.putArray("report_ids");
      }
      SqlOutbox.insertAll(c, List.of(OutboxAction.create(id, s.subjectType(), s.subjectId(), action,
          o.toString(), OutboxState.PENDING, now)));
    }
  }

  /** After decisions: a case is escalated, awaits a lead, is decided, or (nothing left to apply) closed. */
  private static void settle(Connection c, long caseId, long nowUs, boolean escalate) throws SQLException {
    boolean awaiting = false;
    boolean unapplied = false;
    Set<String> rejected = new HashSet<>();
    Set<String> standing = new HashSet<>();
    for (DecisionRow d : decisions(c, "case_id = ?", caseId)) {
      awaiting |= d.state() == DecisionRow.State.AWAITING_CONFIRMATION;
      unapplied |= d.appliedAt().isEmpty();
      (d.standing() ? standing : rejected).add(d.subjectType() + ":" + d.subjectId());
    }
    // A subject whose clear a lead rejected, not decided again since, keeps the case open.
    rejected.removeAll(standing);
    boolean escalated = escalate || !rejected.isEmpty();
    String sql = escalated
        ? "UPDATE cases SET state = 'open', queue = '" + ESCALATED_QUEUE + "', lease_until_us = NULL, claimed_by = NULL "
            + "WHERE id = ?"
        : "UPDATE cases SET state = ?, lease_until_us = NULL, decided_at_us = COALESCE(decided_at_us, ?) WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (escalated) {
        ps.setLong(1, caseId);
      } else {
        ps.setString(1, (awaiting ? CaseState.AWAITING_CONFIRMATION : unapplied ? CaseState.DECIDED : CaseState.CLOSED)
            .wire());
        ps.setLong(2, nowUs);
        ps.setLong(3, caseId);
      }
      ps.executeUpdate();
    }
  }

  @Override
  public DecisionRow confirm(long decisionId, String lead, boolean isLead, Instant now) {
    return secondReview(decisionId, lead, isLead, true, now);
  }

  @Override
  public DecisionRow reject(long decisionId, String lead, boolean isLead, Instant now) {
    return secondReview(decisionId, lead, isLead, false, now);
  }

  private DecisionRow secondReview(long decisionId, String lead, boolean isLead, boolean agree, Instant now) {
    requireReviewer(lead);
    long nowUs = Times.micros(now);
    String what = agree ? "confirmation" : "rejection";
    return db.write(what + " of decision " + decisionId + " by " + lead, c -> {
      long caseId = decisions(c, "id = ?", decisionId).stream().findFirst()
          .orElseThrow(() -> new CaseException(CaseException.Kind.NOT_FOUND, "no decision " + decisionId)).caseId();
      locked(c, caseId);
      DecisionRow d = decisions(c, "id = ?", decisionId).getFirst(); // read again under the case's lock
      if (d.state() != DecisionRow.State.AWAITING_CONFIRMATION) {
        throw new CaseException(CaseException.Kind.CONFLICT, "decision " + decisionId + " is " + d.state().wire()
            + ": only one awaiting_confirmation can be " + (agree ? "confirmed" : "rejected"));
      }
      if (!isLead) {
        throw new CaseException(CaseException.Kind.CONFLICT,
            lead + " is not a lead: clearing a reported subject needs a lead's confirmation");
      }
      if (d.reviewer().equals(lead)) {
        throw new CaseException(CaseException.Kind.CONFLICT,
            lead + " made decision " + decisionId + ": a second reviewer must " + (agree ? "confirm" : "reject") + " it");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE decisions SET state = ?, second_reviewer = ?, "
          + "confirmed_at_us = ? WHERE id = ? AND state = 'awaiting_confirmation'")) {
        bind(ps, List.of((agree ? DecisionRow.State.CONFIRMED : DecisionRow.State.REJECTED).wire(), lead, nowUs,
            decisionId));
        ps.executeUpdate();
      }
      if (agree) {
        CaseSubjectRow s = subjectsOf(c, d.caseId()).stream()
            .filter(x -> x.subjectType().equals(d.subjectType()) && x.subjectId().equals(d.subjectId()))
            .findFirst().orElseThrow();
        effects(c, decisionId, s, d.decision(), d.category(), lead, nowUs, now);
        settle(c, d.caseId(), nowUs, false);
      } else {
        // Its other decisions stand; the subject the lead disagreed about needs a new one.
        settle(c, d.caseId(), nowUs, true);
      }
      return decisions(c, "id = ?", decisionId).getFirst();
    });
  }

  @Override
  public List<DecisionRow> unapplied(int limit) {
    return db.read("unapplied decisions", c -> decisions(c,
        "applied_at_us IS NULL AND state <> 'awaiting_confirmation' ORDER BY id LIMIT ?", limit));
  }

  @Override
  public void applied(List<Long> decisionIds, Instant now) {
    if (decisionIds.isEmpty()) {
      return;
    }
    long nowUs = Times.micros(now);
    db.write("feedback of " + decisionIds.size() + " decision(s)", c -> {
      Set<Long> cases = new LinkedHashSet<>();
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE decisions SET applied_at_us = ? WHERE id = ? AND applied_at_us IS NULL")) {
        for (long id : decisionIds) {
          ps.setLong(1, nowUs);
          ps.setLong(2, id);
          ps.addBatch();
          decisions(c, "id = ?", id).forEach(d -> cases.add(d.caseId()));
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET state = 'closed' WHERE id = ? AND state = "
          + "'decided' AND NOT EXISTS (SELECT 1 FROM decisions WHERE case_id = ? AND applied_at_us IS NULL)")) {
        for (long id : cases) {
          ps.setLong(1, id);
          ps.setLong(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  // ---- rows and values ----------------------------------------------------------------------

  private boolean postgres() {
    return db.vendor == Db.Vendor.POSTGRES;
  }

  private static CaseRow caseRow(ResultSet rs) throws SQLException {
    return new CaseRow(rs.getLong(1), rs.getString(2), rs.getString(3),
        CaseState.fromWire(rs.getString(4)).orElseThrow(() -> new IllegalStateException("unknown case state")),
        rs.getDouble(5), Severities.name(rs.getInt(6)), Times.instant(rs.getLong(7)), Times.instant(rs.getLong(8)),
        Optional.ofNullable(rs.getString(9)), optionalInstant(rs, 10), optionalInstant(rs, 11), rs.getInt(12),
        rs.getInt(13), Optional.ofNullable(rs.getString(14)));
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Times.instant(v));
  }

  private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a == null) {
        ps.setNull(i + 1, Types.BIGINT);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  private static void setText(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
    if (v.isPresent()) {
      ps.setString(i, v.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> list(String json) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(json)) {
        out.add(n.asText());
      }
      return List.copyOf(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored list does not parse: " + json, e);
    }
  }

  /** The sort key of the last row of a page; opaque to callers. */
  private record Cursor(double sortKey, long id) {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    String encode() {
      String plain = "c1." + Long.toHexString(Double.doubleToRawLongBits(sortKey)) + "." + id;
      return ENC.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts = new String(DEC.decode(cursor), StandardCharsets.UTF_8).split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("c1")) {
          throw new IllegalArgumentException("wrong shape");
        }
        return new Cursor(Double.longBitsToDouble(Long.parseUnsignedLong(parts[1], 16)), Long.parseLong(parts[2]));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid case cursor \"" + cursor + "\"", e);
      }
    }
  }
}
