package org.repcon.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repcon.bench.FootprintBench;
import org.repcon.bench.ParseBench;
import org.repcon.bench.ProbeBench;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.probe.ProbeOptions;
import org.repcon.topology.Topology;
import org.repcon.tui.FlushListener;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks on this machine (loopback labs; figures for docs/benchmarks.md).",
        subcommands = {BenchCommand.Probe.class, BenchCommand.Parse.class, BenchCommand.Footprint.class, BenchCommand.Frame.class})
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

    @Command(name = "frame", description = {"The console's way to its first frame, in this JVM: the console on a virtual"
            + " 120x40 terminal (read-only: no heartbeat written), on the demo's lab unless FILE (the lab need not run:"
            + " its instances are then down), until the first frame drawn from a refresh; then help, the findings, a"
            + " host's details and the ':' line with completion are opened, and q.",
            "The launcher runs it once per build to record the classes the console loads (target/repcon.jsa, a class"
            + " data archive the next starts map instead of loading each class from the jar)."})
    static final class Frame extends BenchSubcommand {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "A topology (default: sample-topologies/lab.yaml, the demo's).")
        Path file;

        @Option(names = "--all-classes", hidden = true, description = "Then load every class of repcon's own packages: the"
                + " launcher's training, so that its archive also holds what a console reaches only on a deployment that answers.")
        boolean allClasses;

        @Mixin
        ConsoleCommand.ConsoleFlags flags;

        /** How long the console may take to its first frame from a refresh before the bench gives up. */
        private static final long PATIENCE_MILLIS = 20_000;

        @Override
        int run(PrintWriter out) {
            Topology topology = file != null ? TopologyLoader.load(file) : DemoCommand.bundledLab();
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(120, 40));
            Frames frames = new Frames(terminal);
            terminal.addVirtualTerminalListener(frames);
            flags.adjust = o -> o.withTerminal(terminal).withEnv(Map.of("TERM", "xterm-256color", "COLORTERM", "truecolor",
                    "LANG", "C.UTF-8"));
            Thread keys = new Thread(frames::drive, "bench-frame-keys");
            keys.setDaemon(true);
            keys.start();
            int exit = flags.run(topology, true);
            long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            if (exit != 0) return exit;
            if (frames.liveAt == 0) throw RepconException.failed("no frame from a refresh within " + PATIENCE_MILLIS / 1000 + " s");
            out.printf(Locale.ROOT, "first frame: %d ms after the JVM started%n", frames.firstAt - started);
            out.printf(Locale.ROOT, "first frame from a refresh: %d ms%s%n", frames.liveAt - started,
                    frames.liveCpuMillis < 0 ? "" : " (" + frames.liveCpuMillis + " ms of CPU)");
            if (!frames.liveThreads.isEmpty()) out.printf(Locale.ROOT, "CPU by thread at that frame: %s%n", frames.liveThreads);
            if (allClasses) out.printf(Locale.ROOT, "classes of repcon's own loaded: %d%n", loadOwnClasses());
            return 0;
        }

        /** Loads, without initialising them, the classes of repcon's own packages in the jar this runs from (none outside one). */
        private static int loadOwnClasses() {
            int loaded = 0;
            try {
                Path jar = Path.of(Frame.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!Files.isRegularFile(jar)) return 0;
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    for (String name : file.stream().map(java.util.jar.JarEntry::getName).toList()) {
                        if (!name.startsWith("org/repcon/") || !name.endsWith(".class")) continue;
                        try {
                            Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                                    Frame.class.getClassLoader());
                            loaded++;
                        } catch (ClassNotFoundException | LinkageError e) {
                            // not loadable here (a missing optional dependency): the archive goes without it
                        }
                    }
                }
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                throw RepconException.failed("cannot list repcon's classes: " + e.getMessage());
            }
            return loaded;
        }

        /** Watches the frames the console flushes and presses the keys once one shows a refresh's data. */
        private static final class Frames implements FlushListener {
            /** After the first frame from a refresh, one key a frame: each layer is drawn once; then q. */
            private static final List<KeyStroke> KEYS = List.of(new KeyStroke('?', false, false), new KeyStroke(KeyType.Escape),
                    new KeyStroke(KeyType.Tab), new KeyStroke(KeyType.Enter), new KeyStroke(KeyType.Escape),
                    new KeyStroke(KeyType.Tab), new KeyStroke('T', false, false), new KeyStroke(':', false, false),
                    new KeyStroke('h', false, false), new KeyStroke(KeyType.Tab), new KeyStroke(KeyType.Escape));

            private final DefaultVirtualTerminal terminal;
            private long flushes;
            volatile long firstAt;
            volatile long liveAt;
            /** The process's CPU time (all threads, user and system) at that frame; -1 where /proc cannot tell. */
            volatile long liveCpuMillis = -1;
            /** The same by thread (the JVM's compiler and GC threads included), most first; empty without /proc. */
            volatile String liveThreads = "";

            Frames(DefaultVirtualTerminal terminal) {
                this.terminal = terminal;
            }

            @Override
            public synchronized void onFlush() {
                long now = System.currentTimeMillis();
                if (firstAt == 0) firstAt = now;
                // The header says when the data shown was read; before the first refresh it says it waits.
                if (liveAt == 0 && headerLine().contains("refreshed ")) {
                    liveAt = now;
                    liveCpuMillis = cpuMillis();
                    liveThreads = cpuByThread();
                }
                flushes++;
                notifyAll();
            }

            private String headerLine() {
                StringBuilder line = new StringBuilder();
                for (int col = 0; col < terminal.getTerminalSize().getColumns(); col++) {
                    line.append(terminal.getCharacter(col, 0).getCharacterString());
                }
                return line.toString();
            }

            /** utime + stime of /proc/self/stat, in clock ticks of 10 ms; -1 without /proc. */
            private static long cpuMillis() {
                return cpuMillis(Path.of("/proc/self/stat"));
            }

            private static long cpuMillis(Path stat) {
                try {
                    String text = Files.readString(stat);
                    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                } catch (IOException | RuntimeException e) {
                    return -1;
                }
            }

            /** "main 420 ms, C1 CompilerThre 310 ms, ...": the threads of /proc/self/task with 10 ms or more, summed by name. */
            private static String cpuByThread() {
                Map<String, Long> byName = new java.util.TreeMap<>();
                try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                    for (Path task : tasks.toList()) {
                        try {
                            long ms = cpuMillis(task.resolve("stat"));
                            String name = Files.readString(task.resolve("comm")).strip().replaceAll("-\\d+$", "-N");
                            if (ms > 0) byName.merge(name, ms, Long::sum);
                        } catch (IOException e) {
                            // that thread ended meanwhile
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    return "";
                }
                return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(java.util.stream.Collectors.joining(", "));
            }

            void drive() {
                try {
                    long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
                    if (awaitFlush(() -> liveAt != 0, deadline)) {
                        for (KeyStroke key : KEYS) {
                            long seen = flushes();
                            terminal.addInput(key);
                            awaitFlush(() -> flushes() > seen, System.currentTimeMillis() + 2000);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    terminal.addInput(new KeyStroke('q', false, false));
                }
            }

            private synchronized long flushes() {
                return flushes;
            }

            private synchronized boolean awaitFlush(java.util.function.BooleanSupplier done, long deadline) throws InterruptedException {
                for (long left; !done.getAsBoolean(); ) {
                    left = deadline - System.currentTimeMillis();
                    if (left <= 0) return false;
                    wait(left);
                }
                return true;
            }
        }
    }
}
