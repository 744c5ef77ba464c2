package org.repcon.setup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.action.Progress;
import org.repcon.action.Step;
import org.repcon.action.StepRunner;
import org.repcon.lab.LabBinaries;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Server;
import org.repcon.transport.ExecResult;
import org.repcon.util.RepconException;

/**
 * Redis (or Valkey, for a host whose server it is) and stunnel installed: found by {@code command -v} on the host,
 * installed by the platform's install command ({@code pkg install -y redis stunnel}, {@code apt-get install -y
 * valkey-server stunnel4}). The lab installs nothing: it runs the programs this machine has.
 */
final class PackagesStep extends HostStep {

    /** An install fetches and unpacks packages: minutes, not the seconds a service gets. */
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    /** Prints "name=path" (empty path: not found) for each program; sbin directories too, as root's PATH has them. */
    private static final String FIND = "PATH=\"$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/sbin\";"
            + " for p in \"$@\"; do printf '%s=%s\\n' \"$p\" \"$(command -v \"$p\")\"; done";

    PackagesStep(Host host) {
        super(host, StepKind.PACKAGES, "install " + host.server().yamlName() + " and stunnel");
    }

    private Optional<String> install() {
        return host.path(Convention.INSTALL, "").map(x -> host.convention(Convention.INSTALL, ""));
    }

    @Override
    public Check detect(SetupContext ctx) {
        if (host.platform().selfManaged()) return lab(ctx);
        try {
            String server = host.server().serverBinary();
            ExecResult r = HostShell.sh(ctx.transport(host), FIND, List.of(server, "stunnel", "stunnel4"));
            Map<String, String> found = new LinkedHashMap<>();
            r.stdout().lines().filter(l -> l.contains("=")).forEach(l -> found.put(l.substring(0, l.indexOf('=')),
                    l.substring(l.indexOf('=') + 1).strip()));
            String redis = found.getOrDefault(server, "");
            String stunnel = found.getOrDefault("stunnel", "").isEmpty() ? found.getOrDefault("stunnel4", "") : found.get("stunnel");
            if (!redis.isEmpty() && !stunnel.isEmpty()) return Check.done(server + " " + redis + ", stunnel " + stunnel);
            List<String> missing = new ArrayList<>();
            if (redis.isEmpty()) missing.add(server);
            if (stunnel.isEmpty()) missing.add("stunnel");
            String what = "not installed: " + String.join(", ", missing);
            return install().map(c -> Check.of(State.MISSING, what, List.of(c)))
                    .orElseGet(() -> Check.of(State.UNKNOWN, what + "; the topology has no 'install' command: install them by hand",
                            List.of()));
        } catch (RepconException e) {
            return offline(ctx, e.getMessage());
        }
    }

    /** What the lab will run: this machine's programs, or its stand-ins (a Redis build from Maven Central, plain relays). */
    private Check lab(SetupContext ctx) {
        Server server = LabBinaries.Choice.fromEnvironment().server(host);
        Optional<String> program = LabBinaries.onPath(server.serverBinary()).map(Path::toString)
                .or(() -> server == Server.REDIS ? Optional.of("a Redis build from Maven Central") : Optional.empty());
        if (program.isEmpty()) {
            return Check.of(State.UNKNOWN, server.serverBinary() + " is not on the PATH: " + LabBinaries.installValkey(), List.of());
        }
        String stunnel = LabBinaries.stunnel().map(Path::toString).orElse("none: the tunnels are plain TCP relays");
        return Check.done("the lab runs this machine's programs: " + server.serverBinary() + " " + program.get() + ", stunnel " + stunnel);
    }

    @Override
    public Check offline(SetupContext ctx, String reason) {
        return Check.of(State.UNKNOWN, reason, install().map(List::of).orElse(List.of()));
    }

    @Override
    public String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        if (current.state() == State.UNKNOWN) throw RepconException.failed(current.detail());
        String command = install().orElseThrow();
        runner.run(List.of(new Step.Exec(host.name(), List.of(command.strip().split("\\s+")), Optional.of(INSTALL_TIMEOUT))),
                progress);
        Check after = detect(ctx);
        if (!after.done()) throw RepconException.failed("after '" + command + "': " + after.detail());
        return "installed: " + after.detail();
    }
}
