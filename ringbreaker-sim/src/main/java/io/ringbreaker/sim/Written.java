package io.ringbreaker.sim;

import java.nio.file.Path;

/** What {@link Simulator#write} wrote: the number of events and the directory holding the files. */
public record Written(long events, Path dir) {}
