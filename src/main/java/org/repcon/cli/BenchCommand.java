package org.repcon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.repcon.bench.ParseBench;
import org.repcon.bench.ProbeBench;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks on this machine (loopback labs; figures for docs/benchmarks.md).",
        subcommands = {BenchCommand.Probe.class, BenchCommand.Parse.class})
final class BenchCommand {

    @Command(name = "probe", description = "One full refresh of an N-host lab (3 instances per host), median of"
            + " --refreshes runs, against a shell loop of 'redis-cli INFO' over the same instances.")
    static final class Probe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--hosts", defaultValue = "100", description = "Hosts in the lab (default: ${DEFAULT-VALUE}).")
        int hosts;

        @Option(names = "--refreshes", defaultValue = "20", description = "Timed refreshes (default: ${DEFAULT-VALUE}).")
        int refreshes;

        @Option(names = "--dir", paramLabel = "DIR", description = "Lab directory (default: a new temporary one).")
        Path dir;

        @Option(names = "--parallelism", paramLabel = "N", description = "Probe threads (default: the probe's own default).")
        Integer parallelism;

        @Override
        public Integer call() throws IOException {
            if (hosts < 1 || hosts > 5000 || refreshes < 1) throw RepconException.invalid("--hosts 1..5000 and --refreshes >= 1");
            Path where = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("repcon-bench");
            PrintWriter out = spec.commandLine().getOut();
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
            out.flush();
            return r.instancesOffCount() == 0 ? 0 : RepconException.FAILED;
        }
    }

    @Command(name = "parse", description = "The INFO parser's cost: microseconds to parse one reply (median of"
            + " --batches batches of 2000), with the lookups every probe makes.")
    static final class Parse implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "An INFO reply as redis-cli prints it, e.g."
                + " src/test/resources/info/redis-7.0-master-two-replicas.txt.")
        Path file;

        @Option(names = "--batches", defaultValue = "10", description = "Timed batches (default: ${DEFAULT-VALUE}).")
        int batches;

        @Override
        public Integer call() {
            if (batches < 1) throw RepconException.invalid("--batches must be at least 1");
            String reply = UserFile.read(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            ParseBench.Result r = ParseBench.run(reply, batches);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "reply: %d bytes, %d fields%n", r.bytes(), r.fields());
            out.printf(Locale.ROOT, "parse: median %.1f us a reply over %d batches (min %.1f, max %.1f)%n", r.medianMicros(),
                    batches, r.microsPerParse().stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    r.microsPerParse().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            out.flush();
            return 0;
        }
    }
}
