/**
 * A deterministic synthetic platform for the demo, the tests, the benchmarks and the evaluation of
 * detection. {@link io.ringbreaker.sim.Simulator} replays the 2019 pattern with placeholder text
 * and random hashes only:
 *
 * <ol>
 *   <li>ordinary users posting, commenting, messaging and following in clustered communities,
 *       some under the popular tags the rings also use;
 *   <li>trading rings advertising under the listed tag {@code dropboxlinks} (the one real term)
 *       and its disguised spellings, soliciting in comments, trading folder links, handles on
 *       other apps and payment ids in messages and bios, some sharing known media (whose hashes
 *       go to {@code bank.csv}); some members only message;
 *   <li>the platform restricting the tag, and the rings moving to an invented tag and to bios;
 *   <li>suspensions, each followed by the member's return under a new account that reuses some of
 *       the old traces (the same app handle, an old folder link, the old payment id, the ring's
 *       known media, or all of them) and follows the ring again at once or a few members at a time;
 *   <li>ordinary users flooding the tag with near-duplicate memes and reporting ring accounts;
 *   <li>innocent look-alikes: card traders and teams sharing documents by Dropbox links;
 *   <li>noise reports of ordinary accounts as spam.
 * </ol>
 *
 * {@link io.ringbreaker.sim.Truth} says who is who. The same {@link io.ringbreaker.sim.SimConfig}
 * always gives the same events, byte for byte.
 */
package io.ringbreaker.sim;
