package io.ringbreaker.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code hashtags.jsonl}: a spelling of a tag as used (case-folded), the listed term it
 * was recognised as, what is in force and what Ringbreaker proposes a person decides. An emerging
 * tag (on no list) has no {@code matched}, a proposal, when it was first proposed and the evidence.
 */
public record HashtagOpinion(String tag, Optional<String> matched, TagState state, Optional<TagState> proposedState,
                             String reason, long posts, long flaggedAccounts, boolean flooded,
                             Optional<Instant> proposedAt, Optional<TagEvidence> evidence) {

  public HashtagOpinion(String tag, Optional<String> matched, TagState state, Optional<TagState> proposedState,
                        String reason, long posts, long flaggedAccounts, boolean flooded) {
    this(tag, matched, state, proposedState, reason, posts, flaggedAccounts, flooded, Optional.empty(),
        Optional.empty());
  }
}
