package io.ringbreaker.model.contract;

/**
 * Sizes the contract accepts. Larger values are rejected with a reason naming the field, never
 * truncated silently.
 */
public final class ContractLimits {
  /** Ids, handles, conversation ids, tags. */
  public static final int MAX_ID_CHARS = 256;
  /** Post, comment, message, report and bio text: a 1 MiB caption is still accepted. */
  public static final int MAX_TEXT_CHARS = 1 << 20;
  public static final int MAX_LIST_ITEMS = 10_000;
  public static final int MAX_URL_CHARS = 4096;
  /** Inline media (base64 text) per item. */
  public static final int MAX_INLINE_MEDIA_CHARS = 16 << 20;
  public static final int MAX_NESTING = 32;

  private ContractLimits() {}
}
