/**
 * The pictures of the review console, drawn on the server: a ring as a graph ({@link
 * io.ringbreaker.server.visual.RingGraph}), a tag's days and small counts as charts ({@link
 * io.ringbreaker.server.visual.Chart}), and media at less exposure ({@link
 * io.ringbreaker.server.visual.SafeMedia}).
 *
 * <p>Why server-side SVG and not a charting library in the browser: the console then runs no
 * script of ours or anyone's, so it works under a Content-Security-Policy of {@code default-src
 * 'self'} (or {@code 'none'} for the images themselves), and fetches nothing from a CDN that could
 * change under us or see what reviewers look at. An SVG is a document, not a program: we write no
 * {@code <script>}, no event attributes, no {@code <foreignObject>}, no external references, and
 * every piece of text (account ids, handles, tags, labels — much of it chosen by the people being
 * investigated) goes through one escaper that also shows bidi overrides, zero-width and control
 * characters as visible {@code [U+XXXX]}, so a handle can neither inject markup nor disguise itself.
 * Links are checked to be relative or http(s), never {@code javascript:}.
 *
 * <p>Output is deterministic (fixed-seed layout, numbers formatted without locale), so the same
 * input gives the same bytes: tests compare output, caches can key on it, and a reviewer sees the
 * same picture twice.
 *
 * <p>Media is never passed through: the preview is grey, 48 px on its long side before it is
 * blurred and scaled up, and both it and the reveal are freshly encoded PNGs decoded under the
 * PDQ hasher's header-first limits (a decompression bomb is refused before a pixel is decoded).
 */
package io.ringbreaker.server.visual;
