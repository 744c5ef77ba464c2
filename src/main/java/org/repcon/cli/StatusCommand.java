package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.repcon.monitor.Json;
import org.repcon.monitor.Monitor;
import org.repcon.monitor.OpenMetrics;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;
import org.repcon.view.StatusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Per host and instance: role, link, offsets, lag in bytes and seconds, sync"
        + " progress, memory, findings; as a table, JSON or Prometheus metrics.")
final class StatusCommand extends MonitorCommand {

    /** What {@code status} prints. */
    enum Format { table, json, openmetrics }

    @Option(names = "--json", description = "Print JSON (raw numbers) instead of a table (as --format json).")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json, or openmetrics (Prometheus"
            + " metrics in the OpenMetrics text format).")
    Format format;

    @Option(names = "--textfile", paramLabel = "DIR", description = "Write the metrics to DIR/repcon.prom (atomically, for"
            + " node_exporter's textfile collector) at each refresh; prints nothing else unless --format or --json is given.")
    Path textfile;

    /** The name node_exporter's textfile collector reads in its directory (it reads only *.prom). */
    static final String TEXTFILE_NAME = "repcon.prom";

    @Option(names = "--watch", arity = "0..1", fallbackValue = "2", paramLabel = "SECONDS",
            description = "Print again every SECONDS (default 2) until interrupted.")
    Integer watch;

    /**
     * The hosts of which no instance answered (down, hung or unreachable): what makes {@code status} exit 1, as the
     * README's exit codes say ("a host did not answer"). Findings do not: judging them is {@code check}'s job.
     */
    static List<String> silentHosts(Topology topology, Snapshot snapshot) {
        return topology.hosts().stream()
                .filter(h -> h.instances().stream().noneMatch(i -> snapshot.instance(i.ref()).map(StatusCommand::answered).orElse(false)))
                .map(Host::name).toList();
    }

    private static boolean answered(InstanceSample s) {
        return switch (s.status()) {
            case OK, AUTH_REQUIRED, AUTH_FAILED, BUSY, PROTOCOL -> true;
            default -> false;
        };
    }

    /** The format asked for; none when only a textfile is to be written. */
    private Optional<Format> printed() {
        if (json && format != null && format != Format.json) {
            throw RepconException.invalid("--json and --format " + format + " ask for two formats; give one");
        }
        if (json) return Optional.of(Format.json);
        if (format != null) return Optional.of(format);
        return textfile == null ? Optional.of(Format.table) : Optional.empty();
    }

    private Optional<Path> textfileTarget() {
        if (textfile == null) return Optional.empty();
        if (!Files.isDirectory(textfile)) throw RepconException.invalid("--textfile " + textfile + ": no such directory");
        return Optional.of(textfile.resolve(TEXTFILE_NAME));
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<Format> printed = printed();
        Optional<Path> target = textfileTarget();
        Topology topology = topologyFile.load();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = Duration.ofSeconds(watch == null ? 1 : Math.max(1, watch));
        try (Monitor monitor = monitorOptions.open(topology, interval)) {
            while (true) {
                Monitor.State state = monitor.refresh();
                // World-readable: node_exporter runs as a user of its own.
                target.ifPresent(t -> AtomicFiles.replaceOrFail(t, OpenMetrics.textfile(topology, state), 0644));
                printed.ifPresent(f -> {
                    switch (f) {
                        case json -> out.println(Json.status(topology, state));
                        case openmetrics -> out.print(OpenMetrics.exposition(topology, state));
                        case table -> StatusTable.report(state.view(), state.findings()).forEach(out::println);
                    }
                });
                out.flush();
                if (watch == null) return silentHosts(topology, state.snapshot()).isEmpty() ? 0 : 1;
                Thread.sleep(interval.toMillis());
                // A blank line between tables and between JSON documents; OpenMetrics ends each with its # EOF.
                if (printed.filter(f -> f != Format.openmetrics).isPresent()) out.println();
            }
        }
    }
}
