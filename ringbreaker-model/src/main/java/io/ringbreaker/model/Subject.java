package io.ringbreaker.model;

import java.util.Objects;

/** The thing a verdict is about: an account, a post, a hashtag… */
public record Subject(SubjectType type, String id) implements Comparable<Subject> {
  public Subject {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  public static Subject account(String id) { return new Subject(SubjectType.ACCOUNT, id); }
  public static Subject post(String id) { return new Subject(SubjectType.POST, id); }
  public static Subject comment(String id) { return new Subject(SubjectType.COMMENT, id); }
  public static Subject message(String id) { return new Subject(SubjectType.MESSAGE, id); }
  public static Subject hashtag(String tag) { return new Subject(SubjectType.HASHTAG, tag); }

  @Override
  public int compareTo(Subject o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return type.wire() + ":" + id;
  }
}
