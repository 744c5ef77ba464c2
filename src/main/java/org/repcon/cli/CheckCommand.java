package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.repcon.diagnosis.Finding;
import org.repcon.monitor.CheckState;
import org.repcon.monitor.Json;
import org.repcon.monitor.Monitor;
import org.repcon.monitor.Nagios;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", description = "A monitoring check: the findings, one summary line first, Nagios exit codes.",
        footer = {"", "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (nothing could be probed, or the topology"
                + " file is unusable)."})
final class CheckCommand extends MonitorCommand {

    @Option(names = "--json", description = "Print JSON instead of the plugin output.")
    boolean json;

    @Option(names = "--no-state", description = "Neither read nor keep the samples of earlier checks: the rules that compare"
            + " samples (full-sync-loop, backlog-too-small, sync-stalled, lagging by bytes) see one, and learning-stopped"
            + " none.")
    boolean noState;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Topology topology;
        try {
            topology = topologyFile.load();
        } catch (RepconException e) {
            // A monitoring system reads any exit above 2 as UNKNOWN; say why on the one line it shows.
            out.println("REPCON UNKNOWN - " + e.getMessage().replace('\n', ' '));
            out.flush();
            return Nagios.UNKNOWN;
        }
        try (Monitor monitor = monitorOptions.open(topology, Duration.ofSeconds(1))) {
            Monitor.State state = noState ? monitor.refresh() : refreshWithState(topology, monitor);
            Nagios.Verdict verdict = Nagios.evaluate(state);
            if (json) {
                out.println(Json.check(topology, state, verdict));
            } else {
                out.println(verdict.summary());
                // Nagios long output: each finding, and under it the first piece of evidence, which an alert
                // mail would otherwise lack (the cause of "cannot be reached", the state of the link).
                for (Finding f : state.findings()) {
                    out.println(f.severity() + " " + f.code() + " " + f.subject() + ": " + f.summary()
                            + (f.action().isEmpty() ? "" : " -> " + f.action()));
                    if (!f.evidence().isEmpty()) out.println("    " + f.evidence().get(0));
                }
            }
            out.flush();
            return verdict.code();
        }
    }

    /**
     * One refresh on top of the samples the previous check kept (a monitoring system runs each check as a new process),
     * then the newest kept for the next. A state file that cannot be used costs its samples, said in one line, not the check.
     */
    private Monitor.State refreshWithState(Topology topology, Monitor monitor) {
        PrintWriter err = spec.commandLine().getErr();
        Path stateFile = CheckState.fileFor(topologyFile.file);
        CheckState.Loaded loaded = CheckState.load(stateFile, topologyFile.file, topology, System.currentTimeMillis());
        loaded.ignored().ifPresent(why -> err.println("repcon: earlier checks' samples ignored: " + why));
        loaded.past().forEach(monitor.history()::restore);
        monitor.restoreLearning(loaded.learning());
        Monitor.State state = monitor.refresh();
        try {
            CheckState.save(stateFile, topologyFile.file, topology, monitor.history(), monitor.learning());
        } catch (RepconException e) {
            err.println("repcon: samples not kept for the next check: " + e.getMessage());
        }
        err.flush();
        return state;
    }
}
