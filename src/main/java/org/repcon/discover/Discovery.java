package org.repcon.discover;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.repcon.topology.Access;
import org.repcon.topology.Host;
import org.repcon.topology.Platform;
import org.repcon.topology.Position;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyException;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transport;
import org.repcon.transport.Transports;

/**
 * Reads a deployment that already runs into a topology file: each host through its transport, read-only, then the
 * hosts put together ({@link Pairing}) and written out ({@link TopologyYaml}). The text is checked by the topology
 * loader before it is handed back, so what discover gives, {@code repcon validate} accepts.
 */
public final class Discovery {

    /**
     * What to read.
     *
     * @param platform the hosts' platform; empty: each host's is detected
     * @param root where the hosts' files are: {@code ROOT/HOST/...} as {@code render --out ROOT} and the lab lay them out;
     *             empty: on each host's "/"
     * @param name the deployment's name; empty: the lab root's directory name, else "discovered"
     * @param sshOptions ssh arguments for every ssh host (the topology's {@code ssh.options})
     * @param source where the topology will be written (relative paths in it are relative to its directory)
     */
    public record Request(Optional<Platform> platform, Optional<Path> root, Optional<String> name, List<HostSpec> hosts,
                          List<String> sshOptions, Path source) {
        public Request {
            hosts = List.copyOf(hosts);
            sshOptions = List.copyOf(sshOptions);
        }
    }

    /** The topology's text (empty when it could not be read: see the report's errors) and what was found on the way. */
    public record Result(Optional<String> yaml, Optional<Topology> topology, Report report) {}

    private Discovery() {}

    /** Reads every host through the transport {@code transports} gives it; closes none of them. */
    public static Result run(Request request, Function<HostSpec, Transport> transports) {
        Report report = new Report();
        String labRoot = request.root().map(r -> r.toAbsolutePath().normalize().toString()).orElse("");
        List<FoundHost> hosts = new ArrayList<>();
        for (HostSpec spec : request.hosts()) {
            if (hosts.stream().anyMatch(h -> h.name().equals(spec.name()))) {
                report.error(spec.name() + ": named twice");
                continue;
            }
            Transport transport;
            try {
                transport = transports.apply(spec);
            } catch (org.repcon.util.RepconException e) {
                report.error(spec.name() + ": " + e.getMessage());
                continue;
            }
            HostFiles plain = new HostFiles(spec.name(), transport, "", report);
            HostFiles rooted = labRoot.isEmpty() ? plain : new HostFiles(spec.name(), transport, labRoot + "/" + spec.name(), report);
            // The well-known files in one round trip; a host that cannot be reached is one line, not one per file.
            if (request.platform().filter(p -> p == Platform.LAB).isEmpty() && !rooted.prefetch(HostScan.wellKnown(request.platform()))) continue;
            Optional<Platform> platform = request.platform().or(() -> HostScan.detect(rooted, plain, labRoot));
            if (platform.isEmpty()) {
                report.error(spec.name() + ": cannot tell its platform (no redis_profiles in /etc/rc.conf, no /etc/redis, no lab"
                        + " layout under --root): give --platform");
                continue;
            }
            if (platform.get() == Platform.LAB && (labRoot.isEmpty() || !spec.local())) {
                report.error(spec.name() + ": a lab is read on this machine, under its directory: give --root DIR and NAME=local");
                continue;
            }
            boolean lab = platform.get() == Platform.LAB;
            HostFiles files = lab ? plain : rooted;
            FoundHost host = new FoundHost(spec, files, platform.get(), lab ? labRoot : "");
            host.sshOptions = request.sshOptions();
            // Files laid out under a root are a copy, not what runs here: only the lab's instances are asked.
            HostScan.scan(host, report, lab || labRoot.isEmpty());
            hosts.add(host);
        }
        if (!report.errors().isEmpty() || hosts.isEmpty()) return new Result(Optional.empty(), Optional.empty(), report);
        Pairing.pair(hosts, report);
        if (!report.errors().isEmpty()) return new Result(Optional.empty(), Optional.empty(), report);
        String name = request.name().orElseGet(() -> hosts.get(0).platform == Platform.LAB
                ? Path.of(labRoot).getFileName().toString() : "discovered");
        String yaml = TopologyYaml.write(name, hosts, labRoot, request.hosts().stream().map(HostSpec::text).toList(), report);
        Topology topology;
        try {
            topology = TopologyLoader.parse(yaml, request.source());
        } catch (TopologyException e) {
            // A bug of discover's, or a value no topology may hold: said, nothing written.
            e.problems().forEach(p -> report.error("the discovered topology does not validate: " + p.message()));
            return new Result(Optional.empty(), Optional.empty(), report);
        }
        return new Result(Optional.of(yaml), Optional.of(topology), report);
    }

    /**
     * The hosts' transports, made as for any topology ({@link Transports}: local, or ssh with the private socket
     * directory checked first); closing it closes them all.
     */
    public static Transports transports(List<HostSpec> hosts, List<String> sshOptions) {
        List<Host> reach = new ArrayList<>();
        for (HostSpec h : hosts) {
            Access access = h.access(sshOptions);
            reach.add(new Host(h.name(), h.address(), access, Platform.FREEBSD, Optional.empty(), Platform.FREEBSD.defaults(), "localhost",
                    List.of(), h.name(), List.of(), List.of(), "/", Position.unknown("the command line")));
        }
        return new Transports(new Topology("discover", Path.of("discover"), reach, Path.of("discover.psk"), Optional.empty(),
                java.util.Map.of(), List.of(), false));
    }
}
