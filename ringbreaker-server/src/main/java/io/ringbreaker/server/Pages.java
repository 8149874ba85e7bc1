package io.ringbreaker.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.HashtagRow;
import io.ringbreaker.store.VerdictRow;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Server-rendered pages. Every value shown comes from platform users (handles, tags, text) and is
 * escaped; the pages carry no script.
 */
final class Pages {

  private Pages() {}

  private static final String STYLE = """
      <style>
      body{font:14px system-ui,sans-serif;margin:2rem;color:#222}
      table{border-collapse:collapse;width:100%;margin-bottom:2rem}
      th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#f4f4f4}
      .sev{font-weight:600;padding:.1rem .4rem;border-radius:3px;color:#fff}
      .critical{background:#7a0019}.high{background:#c0392b}.medium{background:#d68910}.low{background:#7f8c8d}.none{background:#bbb}
      .muted{color:#777}.counts span{margin-right:1rem}
      code{background:#f4f4f4;padding:0 .2rem}
      form.inline{display:inline}nav{margin-bottom:1rem}
      td.evidence{max-width:28rem;overflow-wrap:anywhere;font-size:12px}
      </style>""";

  /** {@code nav} is trusted markup (the signed-in person's bar, escaped by its maker). */
  static String verdicts(String nav, List<VerdictRow> rows, List<HashtagRow> tags, Map<String, Long> counts, long journaled,
                         long processed) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!doctype html><html lang=en><head><meta charset=utf-8><meta http-equiv=refresh content=5>")
        .append("<title>Ringbreaker — verdicts</title>").append(STYLE).append("</head><body>").append(nav)
        .append("<h1>Ringbreaker</h1><p class=counts>");
    for (String s : List.of("critical", "high", "medium", "low")) {
      b.append("<span><span class='sev ").append(s).append("'>").append(s).append("</span> ")
          .append(counts.getOrDefault(s, 0L)).append("</span>");
    }
    b.append("<span class=muted>events journaled ").append(journaled).append(", processed ").append(processed)
        .append("</span></p>");
    b.append("<h2>Verdicts (medium and above)</h2><table><tr><th>severity</th><th>subject</th><th>score</th>")
        .append("<th>actions</th><th>why</th><th>evidence</th><th>first flagged</th></tr>");
    for (VerdictRow r : rows) {
      JsonNode v = ContractJson.readStored(r.json());
      b.append("<tr><td><span class='sev ").append(esc(r.severity())).append("'>").append(esc(r.severity()))
          .append("</span></td><td>").append(esc(r.subjectType())).append(" <b>").append(esc(r.subjectId()))
          .append("</b></td><td>").append(String.format(java.util.Locale.ROOT, "%.2f", r.score())).append("</td><td>");
      v.path("actions").forEach(a -> b.append(esc(a.asText())).append(' '));
      b.append("</td><td>");
      v.path("reasons").forEach(a -> b.append(esc(a.asText())).append("<br>"));
      b.append("</td><td class=evidence>");
      int n = 0;
      for (JsonNode s : v.path("signals")) {
        if (n++ == 4) {
          b.append("<span class=muted>… ").append(v.path("signal_count").asInt(v.path("signals").size()))
              .append(" in all</span>");
          break;
        }
        b.append("<code>").append(esc(s.path("kind").asText())).append("</code> ").append(esc(s.path("value").asText()))
            .append(" <span class=muted>(").append(esc(s.path("event_id").asText())).append(")</span><br>");
      }
      b.append("</td><td>").append(esc(v.path("first_flagged_at").asText(""))).append("</td></tr>");
    }
    b.append("</table><h2>Hashtags</h2><table><tr><th>tag</th><th>matched</th><th>state</th><th>proposed</th>")
        .append("<th>posts</th><th>flagged accounts</th><th>reason</th></tr>");
    for (HashtagRow t : tags) {
      JsonNode h = ContractJson.readStored(t.json());
      b.append("<tr><td>#").append(esc(h.path("tag").asText())).append("</td><td>")
          .append(esc(h.path("matched").asText(""))).append("</td><td>").append(esc(h.path("state").asText()))
          .append("</td><td>").append(esc(h.path("proposed_state").asText(""))).append("</td><td>")
          .append(h.path("posts").asLong()).append("</td><td>").append(h.path("flagged_accounts").asLong())
          .append("</td><td>").append(esc(h.path("reason").asText())).append("</td></tr>");
    }
    b.append("</table><p class=muted>API: <code>GET /v1/verdicts</code>, <code>GET /v1/hashtags</code>, ")
        .append("<code>POST /v1/events</code> with <code>Authorization: Bearer &lt;key&gt;</code>. ")
        .append("This page refreshes every 5 seconds.</p></body></html>");
    return b.toString();
  }

  /** One escaping for every page: {@link io.ringbreaker.server.auth.Html#esc}. */
  static String esc(String s) {
    return io.ringbreaker.server.auth.Html.esc(s);
  }

}
