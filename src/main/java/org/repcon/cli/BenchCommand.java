package org.repcon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repcon.bench.FootprintBench;
import org.repcon.bench.ParseBench;
import org.repcon.bench.ProbeBench;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.probe.ProbeOptions;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks on this machine (loopback labs; figures for docs/benchmarks.md).",
        subcommands = {BenchCommand.Probe.class, BenchCommand.Parse.class, BenchCommand.Footprint.class})
final class BenchCommand {

    /** What every bench subcommand has: its output, flushed at the end. */
    abstract static class BenchSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        /** Measures, printing the figures to {@code out}; returns the exit code. */
        abstract int run(PrintWriter out) throws Exception;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try {
                return run(out);
            } finally {
                out.flush();
            }
        }
    }

    @Command(name = "probe", description = "One full refresh of an N-host lab (3 instances per host), median of"
            + " --refreshes runs, against a shell loop of 'redis-cli INFO' over the same instances.")
    static final class Probe extends BenchSubcommand {
        @Option(names = "--hosts", defaultValue = "100", description = "Hosts in the lab (default: ${DEFAULT-VALUE}).")
        int hosts;

        @Option(names = "--refreshes", defaultValue = "20", description = "Timed refreshes (default: ${DEFAULT-VALUE}).")
        int refreshes;

        @Option(names = "--dir", paramLabel = "DIR", description = "Lab directory (default: a new temporary one).")
        Path dir;

        @Option(names = "--parallelism", paramLabel = "N", description = "Probe threads (default: the probe's own default).")
        Integer parallelism;

        @Override
        int run(PrintWriter out) throws IOException {
            if (hosts < 1 || hosts > 5000 || refreshes < 1) throw RepconException.invalid("--hosts 1..5000 and --refreshes >= 1");
            Path where = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("repcon-bench");
            org.repcon.probe.ProbeOptions options = org.repcon.probe.ProbeOptions.defaults();
            if (parallelism != null) options = options.withParallelism(Math.max(1, parallelism));
            ProbeBench.Result r = ProbeBench.run(hosts, refreshes, where, out, options);
            out.printf(Locale.ROOT, "instances: %d (%d hosts)%n", r.instances(), hosts);
            out.printf(Locale.ROOT, "one refresh: median %.1f ms over %d (min %.1f, max %.1f)%n", r.medianMicros() / 1000.0,
                    r.refreshMicros().size(), r.refreshMicros().stream().mapToLong(Long::longValue).min().orElse(0) / 1000.0,
                    r.refreshMicros().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0);
            out.printf(Locale.ROOT, "shell loop of redis-cli INFO: %.1f ms (median of 3)%n", r.shellMicros() / 1000.0);
            out.printf(Locale.ROOT, "ratio: %.0fx%n", r.ratio());
            out.printf(Locale.ROOT, "INFO calls per instance per refresh: %d (instances off that count: %d)%n",
                    r.infoCallsPerInstance() / r.refreshesCounted(), r.instancesOffCount());
            return r.instancesOffCount() == 0 ? 0 : RepconException.FAILED;
        }
    }

    @Command(name = "parse", description = "The INFO parser's cost: microseconds to parse one reply (median of"
            + " --batches batches of 2000), with the lookups every probe makes.")
    static final class Parse extends BenchSubcommand {
        @Parameters(paramLabel = "FILE", description = "An INFO reply as redis-cli prints it, e.g."
                + " src/test/resources/info/redis-7.0-master-two-replicas.txt.")
        Path file;

        @Option(names = "--batches", defaultValue = "10", description = "Timed batches (default: ${DEFAULT-VALUE}).")
        int batches;

        @Override
        int run(PrintWriter out) {
            if (batches < 1) throw RepconException.invalid("--batches must be at least 1");
            String reply = UserFile.read(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            ParseBench.Result r = ParseBench.run(reply, batches);
            out.printf(Locale.ROOT, "reply: %d bytes, %d fields%n", r.bytes(), r.fields());
            out.printf(Locale.ROOT, "parse: median %.1f us a reply over %d batches (min %.1f, max %.1f)%n", r.medianMicros(),
                    batches, r.microsPerParse().stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    r.microsPerParse().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            return 0;
        }
    }

    @Command(name = "footprint", description = "What a console costs the master: a lab (the demo's,"
            + " sample-topologies/lab.yaml, unless --lab; started and stopped here unless it is up already) probed every --interval-ms for --seconds, and the"
            + " lines and the accepted sessions its server-end stunnel logs gained meanwhile, after the first refresh.")
    static final class Footprint extends BenchSubcommand {
        @Option(names = "--seconds", defaultValue = "60", description = "How long to probe (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--interval-ms", defaultValue = "1000", description = "Refresh interval (default: ${DEFAULT-VALUE}).")
        int intervalMs;

        @Option(names = "--lab", paramLabel = "FILE", description = "A lab topology (platform: lab) instead of the demo's,"
                + " e.g. one moved to other loopback addresses while the demo runs.")
        Path labFile;

        @Override
        int run(PrintWriter out) throws InterruptedException {
            if (seconds < 1 || seconds > 3600 || intervalMs < 100) throw RepconException.invalid("--seconds 1..3600 and --interval-ms >= 100");
            Lab lab = new Lab(LabTopology.of(labFile != null ? TopologyLoader.load(labFile) : DemoCommand.bundledLab(), Optional.empty()));
            boolean wasUp = lab.processes().stream().anyMatch(p -> lab.pid(p).isPresent());
            try {
                if (!wasUp && !lab.up(new PrintWriter(PrintWriter.nullWriter()))) {
                    throw RepconException.failed("the lab did not come up: see the logs under " + lab.root());
                }
                ProbeOptions options = ProbeOptions.defaults().withInterval(Duration.ofMillis(intervalMs));
                FootprintBench.Result r = FootprintBench.run(lab, options, Duration.ofSeconds(seconds), out);
                out.printf(Locale.ROOT, "stunnel logs: %s%n", r.logs());
                out.printf(Locale.ROOT, "%d refreshes in %.1f s%n", r.refreshes(), r.measured().toMillis() / 1000.0);
                out.printf(Locale.ROOT, "log lines: %d (%.1f per minute)%n", r.logLines(), r.perMinute(r.logLines()));
                out.printf(Locale.ROOT, "sessions accepted: %d (%.1f per minute)%n", r.sessions(), r.perMinute(r.sessions()));
                return 0;
            } finally {
                if (!wasUp) lab.down();
            }
        }
    }
}
