package io.ringbreaker.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The type-specific part of an event; one record per event type of the contract. */
public sealed interface EventBody {
  EventType type();

  /** A profile was created or changed; the latest one wins. */
  record Account(String id, String handle, Optional<String> displayName, Optional<String> bio,
                 List<String> links, Optional<Instant> createdAt) implements EventBody {
    public Account {
      links = List.copyOf(links);
    }
    @Override public EventType type() { return EventType.ACCOUNT; }
  }

  /** {@code hashtags} is empty when the platform did not send them: they are then taken from the text. */
  record Post(String id, Optional<String> text, Optional<List<String>> hashtags, List<Media> media)
      implements EventBody {
    public Post {
      hashtags = hashtags.map(List::copyOf);
      media = List.copyOf(media);
    }
    @Override public EventType type() { return EventType.POST; }
  }

  record Comment(String id, String postId, String text) implements EventBody {
    @Override public EventType type() { return EventType.COMMENT; }
  }

  /** {@code text} is absent when the platform cannot read it (end-to-end encrypted). */
  record Message(String id, String conversationId, List<String> to, Optional<String> text, List<Media> media)
      implements EventBody {
    public Message {
      to = List.copyOf(to);
      media = List.copyOf(media);
    }
    @Override public EventType type() { return EventType.MESSAGE; }
  }

  /** {@code active} false is an unfollow. */
  record Follow(String target, boolean active) implements EventBody {
    @Override public EventType type() { return EventType.FOLLOW; }
  }

  /** A user of the platform reported something. */
  record Report(String id, TargetType targetType, String targetId, Optional<String> reason, Optional<String> text)
      implements EventBody {
    @Override public EventType type() { return EventType.REPORT; }
  }

  /**
   * The person an action was taken against appeals it, forwarded by the platform: {@code actionId}
   * is the Ringbreaker action id the platform received (its webhook's {@code action_id}) when the
   * appeal is against one, {@code action} the action in the platform's words.
   */
  record Appeal(String id, TargetType targetType, String targetId, Optional<String> actionId, Optional<String> action,
                Optional<String> text) implements EventBody {
    @Override public EventType type() { return EventType.APPEAL; }
  }

  /** Something the platform itself did. */
  record Enforcement(TargetType targetType, String targetId, EnforcementAction action) implements EventBody {
    @Override public EventType type() { return EventType.ENFORCEMENT; }
  }
}
