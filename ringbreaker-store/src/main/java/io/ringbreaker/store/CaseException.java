package io.ringbreaker.store;

/** A review operation that does not apply: the message says exactly why (a lease, a field, a state). */
public final class CaseException extends RuntimeException {
  /** What kind of refusal: the API answers 404, 409 or 422. */
  public enum Kind { NOT_FOUND, CONFLICT, INVALID }

  private final Kind kind;
  /** For {@link Kind#INVALID}: the field at fault, as the API names it (e.g. {@code decisions[0].reason}). */
  private final String field;

  public CaseException(Kind kind, String field, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public CaseException(Kind kind, String message) {
    this(kind, "", message);
  }

  public Kind kind() {
    return kind;
  }

  public String field() {
    return field;
  }
}
