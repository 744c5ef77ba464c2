package org.repcon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.monitor.Json;
import org.repcon.monitor.Monitor;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.view.StatusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "Per host and instance: role, link, offsets, lag in bytes and seconds, sync"
        + " progress, memory, findings.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TopologyFile topologyFile;
    @Mixin
    MonitorOptions monitorOptions;

    @Option(names = "--json", description = "Print JSON (raw numbers) instead of a table.")
    boolean json;

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

    @Override
    public Integer call() throws InterruptedException {
        Topology topology = topologyFile.load();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = Duration.ofSeconds(watch == null ? 1 : Math.max(1, watch));
        try (Monitor monitor = monitorOptions.open(topology, interval)) {
            while (true) {
                Monitor.State state = monitor.refresh();
                if (json) {
                    out.println(Json.status(topology, state));
                } else {
                    StatusTable.report(state.view(), state.findings()).forEach(out::println);
                }
                out.flush();
                if (watch == null) return silentHosts(topology, state.snapshot()).isEmpty() ? 0 : 1;
                Thread.sleep(interval.toMillis());
                out.println();
            }
        }
    }
}
