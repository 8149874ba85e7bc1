package io.ringbreaker.server.visual;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@link Chart#line} draws: values by day, each series on the count axis (left) or the share
 * axis (right, 0–100%), and markers for days something was done (a tag restricted).
 *
 * @param days    ascending, distinct; the x axis is proportional to time, so a gap shows as one
 */
public record ChartSpec(String title, String description, List<LocalDate> days, List<Series> series,
                        List<Marker> markers) {

  public enum Axis { COUNT, SHARE }

  /**
   * @param values one per day: a count (≥ 0) on {@link Axis#COUNT}, a share in [0, 1] on {@link Axis#SHARE}
   * @param colour {@code #rrggbb}
   * @param dashed drawn dashed, so series stay apart in grey print and for colour-blind readers
   */
  public record Series(String name, Axis axis, List<Double> values, String colour, boolean dashed) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(axis, "axis");
      values = List.copyOf(values);
      checkColour(colour);
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i);
        if (!Double.isFinite(v) || v < 0 || (axis == Axis.SHARE && v > 1)) {
          throw new IllegalArgumentException("series '" + name + "' value " + i + ": must be "
              + (axis == Axis.SHARE ? "a share in [0, 1]" : "a finite count ≥ 0") + ", got " + v);
        }
      }
    }
  }

  /** A day something was done, drawn as a vertical line labelled {@code label}. */
  public record Marker(LocalDate day, String label) {
    public Marker {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(label, "label");
    }
  }

  public ChartSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    days = List.copyOf(days);
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    for (int i = 1; i < days.size(); i++) {
      if (!days.get(i).isAfter(days.get(i - 1))) {
        throw new IllegalArgumentException("days must ascend without repeats: " + days.get(i - 1) + " then " + days.get(i));
      }
    }
    for (Series s : series) {
      if (s.values().size() != days.size()) {
        throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size() + " values for "
            + days.size() + " days");
      }
    }
  }

  /**
   * A tag's days as {@code GET /v1/hashtags/{tag}/series} serves them ({@code tag}, {@code days[]}
   * with {@code day}, {@code posts}, {@code flagged_share}, {@code flood_share}): posts on the count
   * axis, the shares of flagged accounts and of flood posts on the share axis.
   */
  public static ChartSpec tagSeries(JsonNode json, List<Marker> markers) {
    String tag = json.path("tag").asText("");
    if (tag.isEmpty()) {
      throw new IllegalArgumentException("series JSON: 'tag' is missing or empty");
    }
    if (!json.path("days").isArray()) {
      throw new IllegalArgumentException("series of #" + tag + ": 'days' must be an array");
    }
    List<LocalDate> days = new ArrayList<>();
    List<Double> posts = new ArrayList<>();
    List<Double> flagged = new ArrayList<>();
    List<Double> flood = new ArrayList<>();
    int i = 0;
    for (JsonNode d : json.path("days")) {
      try {
        days.add(LocalDate.parse(d.path("day").asText("")));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("series of #" + tag + ": days[" + i + "].day must be a date like 2019-01-02, got '"
            + d.path("day").asText("") + "'", e);
      }
      posts.add(number(tag, d, i, "posts"));
      flagged.add(number(tag, d, i, "flagged_share"));
      flood.add(number(tag, d, i, "flood_share"));
      i++;
    }
    return new ChartSpec("#" + tag + " by day",
        "Posts using #" + tag + " per day (left axis), and the share of its accounts that are flagged and the share "
            + "of its posts that are flood (right axis, percent)." + (markers.isEmpty() ? ""
            : " Marked: " + String.join("; ", markers.stream().map(m -> m.label() + " on " + m.day()).toList()) + "."),
        days,
        List.of(new Series("posts", Axis.COUNT, posts, "#2c3e50", false),
            new Series("flagged accounts", Axis.SHARE, flagged, "#c0392b", false),
            new Series("flood posts", Axis.SHARE, flood, "#2e86c1", true)),
        markers);
  }

  private static double number(String tag, JsonNode day, int i, String field) {
    JsonNode n = day.path(field);
    if (!n.isNumber()) {
      throw new IllegalArgumentException("series of #" + tag + ": days[" + i + "]." + field + " must be a number, got " + n);
    }
    return n.asDouble();
  }

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  static void checkColour(String colour) {
    if (colour == null || !COLOUR.matcher(colour).matches()) {
      throw new IllegalArgumentException("colour must be #rrggbb, got '" + colour + "'");
    }
  }
}
