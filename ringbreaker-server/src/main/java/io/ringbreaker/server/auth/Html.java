package io.ringbreaker.server.auth;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every server-rendered page uses: escaping, the frame, and reading what a page was sent.
 * Every value a person or platform typed goes through {@link #esc}.
 */
public final class Html {
  private Html() {}

  static final String STYLE = """
      <style>
      body{font:14px system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
      table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
      th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#f4f4f4}
      .muted{color:#777}.problem{color:#c0392b}.ok{color:#1e8449}
      code,kbd{background:#f4f4f4;padding:0 .2rem}
      td.detail{max-width:30rem;overflow-wrap:anywhere;font-size:12px}
      form.inline{display:inline}
      nav{margin-bottom:1rem}nav a,nav form{margin-right:1rem}
      textarea{width:100%;box-sizing:border-box;font:12px ui-monospace,monospace}
      ol.src{font:12px ui-monospace,monospace;background:#fafafa;border:1px solid #eee;padding:.5rem .5rem .5rem 3.5rem;max-height:40rem;overflow:auto}
      ol.src li{white-space:pre-wrap;min-height:1.2em}ol.src li::marker{color:#999}
      pre.problem{white-space:pre-wrap;margin:.2rem 0}
      </style>""";

  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  public static String head(String title) {
    return "<!doctype html><html lang=en><head><meta charset=utf-8><title>Ringbreaker — " + esc(title) + "</title>"
        + STYLE + "</head><body>";
  }

  public static String csrfField(String csrf) {
    return "<input type=hidden name=csrf value=\"" + esc(csrf) + "\">";
  }

  /** A query parameter that is present and not blank, stripped. */
  public static Optional<String> query(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A form field, stripped; empty when absent. */
  public static String form(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  /** A form field exactly as sent (passwords, texts whose digest matters); empty when absent. */
  public static String formExact(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("");
  }

  /** {@code s} as one path segment or query value. */
  public static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
