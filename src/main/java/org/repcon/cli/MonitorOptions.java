package org.repcon.cli;

import java.time.Duration;
import org.repcon.diagnosis.Thresholds;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import picocli.CommandLine.Option;

/** Options of the commands that probe a deployment (status, check, console). */
final class MonitorOptions {

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
            description = "Connect and read timeout per instance and tunnel, in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    Duration timeout() {
        return Duration.ofMillis(Math.max(50, timeoutMillis));
    }

    /**
     * Whether the monitor may write the heartbeat (where the topology has it on): not under --read-only. Read from the
     * command this is a mixin of; a mixin inside a mixin (the console's flags) says it to {@link #open(Topology, Duration,
     * boolean)} itself.
     */
    boolean heartbeatWrites() {
        return mixee == null || !Main.readOnly(mixee);
    }

    Monitor open(Topology topology, Duration interval) {
        return open(topology, interval, !heartbeatWrites());
    }

    Monitor open(Topology topology, Duration interval, boolean readOnly) {
        Duration timeout = timeout();
        // The heartbeat is monitoring, not a change to the deployment, but a read-only repcon writes nothing.
        ProbeOptions options = ProbeOptions.defaults().withConnectTimeout(timeout).withReadTimeout(timeout).withInterval(interval)
                .withHeartbeatWrites(!readOnly);
        return new Monitor(topology, new Transports(topology), options, Thresholds.defaults(), org.repcon.lab.Lab.tunnels(topology));
    }

    /** What actions need to reach the hosts the monitor reaches: the same transports, the lab's daemons. */
    org.repcon.action.ActionContext actionContext(Topology topology, Monitor monitor) {
        return new org.repcon.action.ActionContext(topology, monitor.transports(), org.repcon.lab.Lab.directProcesses(topology),
                org.repcon.action.Limits.defaults().withTimeouts(timeout(), timeout().multipliedBy(2)));
    }
}
