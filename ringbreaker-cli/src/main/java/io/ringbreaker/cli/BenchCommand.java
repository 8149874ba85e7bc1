package io.ringbreaker.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measure throughput and latency on this machine.",
    description = "Measures Ringbreaker on this machine; each benchmark prints a baseline from the same run beside its figures.",
    subcommands = {BenchIngestCommand.class, BenchTextCommand.class, BenchMatchCommand.class, BenchHashCommand.class, BenchRingCommand.class, BenchQueueCommand.class})
final class BenchCommand {
}
