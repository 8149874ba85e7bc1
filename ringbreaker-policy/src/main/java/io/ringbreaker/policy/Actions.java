package io.ringbreaker.policy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The action vocabulary a policy may use. Platform actions go to the platform by webhook;
 * the others are Ringbreaker's own (the review queue, evidence, reports). Consequential actions
 * wait for a person unless a rule lists them as {@code automatic}.
 */
public final class Actions {

  /** Where an action is carried out. */
  public enum Target { PLATFORM, RINGBREAKER }

  /** One action of the vocabulary. */
  public record Action(String name, Target target, boolean consequential, String meaning) {}

  private static final Map<String, Action> ALL = new TreeMap<>();

  static {
    add("monitor", Target.RINGBREAKER, false, "keep watching; nothing is shown to anyone yet");
    add("review", Target.RINGBREAKER, false, "put in a review queue for a person");
    add("priority", Target.RINGBREAKER, false, "review ahead of the rest of the queue");
    add("preserve", Target.RINGBREAKER, false, "keep the items and their metadata in the evidence store");
    add("draft_report", Target.RINGBREAKER, true, "draft a CyberTipline report for a person to check and send");
    add("hide", Target.PLATFORM, false, "hide the content from everyone but its author until a person decides");
    add("remove", Target.PLATFORM, true, "remove the content");
    add("restrict_messaging", Target.PLATFORM, false, "stop the account starting new conversations");
    add("suspend", Target.PLATFORM, true, "suspend the account");
    add("restrict_hashtag", Target.PLATFORM, false, "hide the hashtag's search and feed pages");
    add("block_hashtag", Target.PLATFORM, true, "refuse posts with the hashtag");
    add("restore", Target.PLATFORM, true, "undo an earlier action (an appeal upheld)");
    add("uphold", Target.PLATFORM, false, "tell the platform an appeal was refused");
    add("report_outcome", Target.PLATFORM, false,
        "tell the platform what a person decided about a user report, so the reporter hears what happened");
  }

  private static void add(String name, Target target, boolean consequential, String meaning) {
    ALL.put(name, new Action(name, target, consequential, meaning));
  }

  private Actions() {}

  public static Optional<Action> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** Every action, by name. */
  public static Map<String, Action> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }
}
