package io.ringbreaker.server.visual;

import io.ringbreaker.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link Chart#bars} draws: a few labelled counts (queue sizes, SLA breaches), in the order given. */
public record BarSpec(String title, String description, List<Bar> bars) {

  /** @param colour {@code #rrggbb} */
  public record Bar(String label, long value, String colour) {
    public Bar {
      Objects.requireNonNull(label, "label");
      if (value < 0) {
        throw new IllegalArgumentException("bar '" + label + "': a count must be ≥ 0, got " + value);
      }
      ChartSpec.checkColour(colour);
    }
  }

  public BarSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    bars = List.copyOf(bars);
  }

  /**
   * Counts by severity wire name (as {@code StateStore.verdictCountsBySeverity} gives them), critical
   * first, in the ring graph's colours; severities absent count 0, {@code none} is left out.
   */
  public static BarSpec bySeverity(String title, String description, Map<String, Long> counts) {
    List<Bar> bars = new ArrayList<>();
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      bars.add(new Bar(s.wire(), counts.getOrDefault(s.wire(), 0L), RingGraph.COLOURS.get(s)));
    }
    return new BarSpec(title, description, bars);
  }
}
