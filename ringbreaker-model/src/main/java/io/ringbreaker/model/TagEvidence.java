package io.ringbreaker.model;

/**
 * Why an unlisted tag is proposed for a list: how many use it, how often it appears beside a
 * listed tag ({@code lift}: how much likelier than an average tagged post), the share of its users
 * that are flagged, and its growth week on week.
 */
public record TagEvidence(long users, long coListedPosts, double lift, double flaggedShare, double growth) {}
