package io.ringbreaker.model;

import java.util.Optional;

/**
 * One line of {@code hashtags.jsonl}: a spelling of a tag as used (case-folded), the listed term it
 * was recognised as, what is in force and what Ringbreaker proposes a person decides.
 */
public record HashtagOpinion(String tag, Optional<String> matched, TagState state, Optional<TagState> proposedState,
                             String reason, long posts, long flaggedAccounts, boolean flooded) {
}
