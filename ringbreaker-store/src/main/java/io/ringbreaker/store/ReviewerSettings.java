package io.ringbreaker.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * A reviewer's own settings, kept with the user. Media is blurred unless the reviewer turns it off;
 * the shift limit and break reminder protect the people who look at the worst content.
 *
 * @param blurMedia whether media is blurred until revealed (default on)
 * @param maxHighPerShift high-severity cases a reviewer takes per shift (1 to 1000; default 40)
 * @param breakMinutes minutes between break reminders (5 to 480; default 50)
 */
public record ReviewerSettings(boolean blurMedia, int maxHighPerShift, int breakMinutes) {
  public static final ReviewerSettings DEFAULTS = new ReviewerSettings(true, 40, 50);
  private static final ObjectMapper JSON = new ObjectMapper();

  public ReviewerSettings {
    if (maxHighPerShift < 1 || maxHighPerShift > 1000) {
      throw new IllegalArgumentException("maxHighPerShift must be 1 to 1000, got " + maxHighPerShift);
    }
    if (breakMinutes < 5 || breakMinutes > 480) {
      throw new IllegalArgumentException("breakMinutes must be 5 to 480, got " + breakMinutes);
    }
  }

  /** {@code {"blur_media":true,"max_high_per_shift":40,"break_minutes":50}} */
  public String json() {
    return String.format(Locale.ROOT, "{\"blur_media\":%b,\"max_high_per_shift\":%d,\"break_minutes\":%d}",
        blurMedia, maxHighPerShift, breakMinutes);
  }

  /** Reads {@link #json()}; a field that is missing takes its default (settings added later read from old rows). */
  static ReviewerSettings fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new ReviewerSettings(n.path("blur_media").asBoolean(DEFAULTS.blurMedia),
          n.path("max_high_per_shift").asInt(DEFAULTS.maxHighPerShift),
          n.path("break_minutes").asInt(DEFAULTS.breakMinutes));
    } catch (IOException e) {
      throw new IllegalStateException("stored reviewer settings are not JSON: " + json, e);
    }
  }
}
