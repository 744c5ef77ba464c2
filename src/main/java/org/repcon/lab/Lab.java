package org.repcon.lab;

import static org.repcon.topology.Convention.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedDirectory;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretValues;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.service.DirectProcess;
import org.repcon.service.DirectProcesses;
import org.repcon.service.RedisShutdown;
import org.repcon.topology.Secret;
import org.repcon.topology.Server;
import org.repcon.transport.Endpoint;
import org.repcon.transport.RedisConnector;
import org.repcon.util.Log;
import org.repcon.transport.LocalTransport;
import org.repcon.transport.Transport;
import org.repcon.util.AtomicFiles;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;
import org.repcon.topology.TunnelKind;
import redis.clients.jedis.Jedis;

/**
 * A topology running on this machine: real redis-server and stunnel processes on loopback
 * addresses, files and data under the lab directory. Processes are found again through their pid
 * files, so a lab outlives the command that started it and any later command can stop it.
 */
public final class Lab implements DirectProcesses {

    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = Log.get(Lab.class);
    private static final Duration LINK_LIMIT = Duration.ofSeconds(30);
    /** The file under the lab directory where up records what carries the tunnels. */
    private static final String TUNNELS_RECORD = "tunnels";

    private final Topology topology;
    private final Path root;
    private final LabBinaries.Choice binaries;
    /** The lab's processes run on this machine; started and stopped through it like any host's. */
    private final Transport local = new LocalTransport();

    public Lab(Topology labTopology) {
        this(labTopology, LabBinaries.Choice.fromEnvironment());
    }

    public Lab(Topology labTopology, LabBinaries.Choice binaries) {
        this.topology = labTopology;
        this.root = LabTopology.root(labTopology);
        this.binaries = binaries;
    }

    /**
     * The daemons of a topology's self-managed hosts, for actions on them (the console, the shell): the lab
     * runs them, so the lab knows them. Empty when every host has a service manager.
     */
    public static Optional<DirectProcesses> directProcesses(Topology topology) {
        return of(topology).map(lab -> lab);
    }

    /** The lab running a topology's self-managed hosts; empty when every host has a service manager. */
    private static Optional<Lab> of(Topology topology) {
        if (topology.hosts().stream().noneMatch(h -> h.platform().selfManaged())) return Optional.empty();
        return Optional.of(new Lab(LabTopology.of(topology, Optional.empty())));
    }

    public Topology topology() {
        return topology;
    }

    /**
     * What carries the lab's tunnels: as the lab was last started (up records it, so status, down and the console
     * say what runs whatever their own environment), else as this command would start them.
     */
    public TunnelKind tunnels() {
        try {
            return TunnelKind.valueOf(Files.readString(root.resolve(TUNNELS_RECORD)).strip());
        } catch (IOException | IllegalArgumentException e) {
            return chosenTunnels();
        }
    }

    private TunnelKind chosenTunnels() {
        return binaries.stunnel().isPresent() ? TunnelKind.STUNNEL : TunnelKind.RELAY;
    }

    /** The tunnels of a topology's lab, if it is one; a deployment's are stunnel. */
    public static TunnelKind tunnels(Topology topology) {
        return of(topology).map(Lab::tunnels).orElse(TunnelKind.STUNNEL);
    }

    public Path root() {
        return root;
    }

    /** Every process of the lab, in start order: instances (masters first), then stunnel (servers first). */
    public List<LabProcess> processes() {
        List<LabProcess> out = new ArrayList<>();
        Map<Server, String> programs = new EnumMap<>(Server.class);
        topology.instances().sorted(Comparator.comparing(Instance::isReplica)).forEach(i -> {
            Host h = topology.hostOf(i);
            // A server not installed keeps its bare name: down and status find processes by pid file, up refuses first.
            String program = programs.computeIfAbsent(binaries.server(h), s -> binaries.serverBinary(s, root.resolve("bin"))
                    .map(Path::toString).orElse(s.serverBinary()));
            out.add(new LabProcess(LabProcess.Type.REDIS, h.name(), i.name(), Path.of(h.instancePath(i, PIDFILE)),
                    List.of(program, h.instancePath(i, INSTANCE_CONFIG)), h.address().orElseThrow(), i.port()));
        });
        Optional<Path> stunnel = tunnels() == TunnelKind.RELAY ? Optional.empty() : binaries.stunnel().or(LabBinaries::stunnel);
        topology.hosts().stream().filter(h -> !h.tunnels().isEmpty())
                .sorted(Comparator.comparing(h -> h.tunnels().stream().noneMatch(Tunnel::isServer)))
                .forEach(h -> out.add(stunnel.map(s -> stunnelProcess(h, s)).orElseGet(() -> relayProcess(h))));
        return out;
    }

    private LabProcess stunnelProcess(Host h, Path stunnel) {
        Tunnel first = h.tunnels().get(0);
        return new LabProcess(LabProcess.Type.STUNNEL, h.name(), "stunnel", Path.of(h.path(STUNNEL_PIDFILE, "").orElseThrow()),
                List.of(stunnel.toString(), h.path(STUNNEL_CONFIG, "").orElseThrow()), h.address().orElseThrow(), first.accept());
    }

    /** Without stunnel: one relay process per host carrying the same hops in plain TCP. */
    private LabProcess relayProcess(Host h) {
        List<String> command = new ArrayList<>(javaCommand(Relay.class));
        Path pid = Path.of(h.path(STUNNEL_PIDFILE, "").orElseThrow());
        command.add(pid.toString());
        for (Tunnel t : h.tunnels()) {
            command.add(h.address().orElseThrow() + ":" + t.accept());
            if (t.isClient()) {
                Tunnel server = topology.serverOf(t).orElseThrow();
                command.add(topology.hostOf(server).address().orElseThrow() + ":" + server.accept());
            } else {
                command.add(h.loopback() + ":" + h.instance(t.to().orElseThrow()).orElseThrow().port());
            }
        }
        return new LabProcess(LabProcess.Type.RELAY, h.name(), "relay", pid, command, h.address().orElseThrow(),
                h.tunnels().get(0).accept());
    }

    private static List<String> javaCommand(Class<?> main) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        // setsid: the relay leaves the terminal's process group, so a Ctrl-C in the console does not reach it;
        // -f: it forks, so the command returns at once like the daemons it stands in for.
        return new ArrayList<>(List.of("setsid", "-f", java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", classpath, main.getName()));
    }

    /** Writes every host's files (only those that changed) and creates the directories. */
    public void writeFiles() {
        PskStore store = PskStore.ensure(topology.secrets(), ConfigRenderer.pskIdentities(topology));
        for (Host host : topology.hosts()) {
            var rendering = ConfigRenderer.render(topology, host, SecretValues.revealed(store));
            try {
                for (RenderedDirectory d : rendering.directories()) Files.createDirectories(Path.of(d.path()));
            } catch (IOException e) {
                throw RepconException.failed("cannot create lab directories under " + root + ": " + e.getMessage());
            }
            for (RenderedFile f : rendering.files()) AtomicFiles.writeIfChanged(Path.of(f.path()), f.content(), f.mode());
        }
    }

    /** Brings the lab up: files, then every process not already running; then waits for replication. */
    public boolean up(PrintWriter out) {
        servers().forEach(server -> binaries.require(server, root.resolve("bin")));
        writeFiles();
        // A lab that is down starts with the tunnels chosen now; one partly up keeps those it runs.
        if (processes().stream().noneMatch(p -> pid(p).isPresent())) {
            AtomicFiles.writeIfChanged(root.resolve(TUNNELS_RECORD), chosenTunnels().name() + "\n", 0644);
        }
        List<LabProcess> processes = processes();
        for (LabProcess p : processes) {
            if (pid(p).isEmpty()) checkFree(p);
        }
        for (LabProcess p : processes) {
            Optional<Long> running = pid(p);
            if (running.isPresent() && Pids.isFrozen(running.get())) Pids.signal(running.get(), "CONT");
            if (running.isEmpty()) start(p);
        }
        return awaitReplication(out);
    }

    /** Starts one process and waits until it accepts connections. */
    public void start(LabProcess p) {
        daemon(p).start(local, START_LIMIT, () -> accepts(p.readyAddress(), p.readyPort()));
    }

    /**
     * Stops one process (SIGCONT first, since a frozen process can do nothing): a redis-server as the actions stop
     * one, by its own SHUTDOWN and a wait for its replicas and its final save, but bounded: one that has not exited
     * by then and shows no progress is killed, and the log says so; stunnel and relays by signals.
     */
    public boolean stop(LabProcess p) {
        DirectProcess daemon = daemon(p);
        if (p.type() != LabProcess.Type.REDIS) return !daemon.stop(local, STOP_GRACE).isEmpty();
        Optional<Long> pid = daemon.pid(local);
        if (pid.isEmpty()) return false;
        Instance instance = topology.host(p.host()).flatMap(h -> h.instance(p.name())).orElseThrow();
        RedisShutdown shutdown = new RedisShutdown(daemon, local, () -> connect(instance), STOP_GRACE);
        RedisShutdown.Result r = shutdown.stop(pid.get(), RedisShutdown.Request.of(shutdown.settings()), new ArrayList<>(),
                LOG::fine, situation -> {
                    LOG.warning(situation + ": killed, the lab does not wait longer");
                    return true;
                });
        if (r.killed()) LOG.warning(r.said());
        else LOG.info(r.said());
        return true;
    }

    /** An authenticated connection to a lab instance with the actions' timeouts. */
    private Jedis connect(Instance i) {
        Host h = topology.hostOf(i);
        return RedisConnector.connect(new Endpoint.Tcp(h.address().orElseThrow(), i.port()),
                i.password().map(Secret::reveal).orElse(null), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    /** A lab process as the direct-process code runs it, for the lab and for actions on lab hosts alike. */
    public DirectProcess daemon(LabProcess p) {
        Optional<String> log = p.type() == LabProcess.Type.REDIS
                ? topology.host(p.host()).flatMap(h -> h.instance(p.name()).map(i -> h.instancePath(i, LOGFILE)))
                : topology.host(p.host()).flatMap(h -> h.path(STUNNEL_LOG, ""));
        return new DirectProcess(p.label(), p.command(), p.pidFile().toString(), root.toString(), log);
    }

    @Override
    public DirectProcess instance(Instance instance) {
        return daemon(process(instance.host(), instance.name()).orElseThrow());
    }

    @Override
    public DirectProcess tunnels(Host host) {
        return daemon(tunnelProcess(host.name()).orElseThrow(() -> RepconException.invalid("host " + host.name() + " has no tunnels")));
    }

    /** Stops every process of the lab and only those; returns what it stopped. */
    public List<LabProcess> down() {
        List<LabProcess> stopped = new ArrayList<>();
        List<LabProcess> all = new ArrayList<>(processes());
        java.util.Collections.reverse(all);
        for (LabProcess p : all) {
            try {
                if (stop(p)) stopped.add(p);
            } catch (RuntimeException e) {
                // Whatever went wrong with the orderly stop, down leaves nothing running.
                LOG.warning(p.label() + ": stop failed (" + e.getMessage() + "); killed");
                daemon(p).pid(local).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                stopped.add(p);
            }
        }
        LabFaults.forget(this);
        return stopped;
    }

    /** The pid of a running process of this lab, from its pid file; a stale or foreign pid reads as none. */
    public Optional<Long> pid(LabProcess p) {
        return daemon(p).pid(local);
    }

    public Optional<LabProcess> process(String host, String name) {
        return processes().stream().filter(p -> p.host().equals(host) && p.name().equals(name)).findFirst();
    }

    public Optional<LabProcess> tunnelProcess(String host) {
        return processes().stream().filter(p -> p.host().equals(host) && p.type() != LabProcess.Type.REDIS).findFirst();
    }

    /** Waits until every replica reports its link up; prints the summary either way. */
    public boolean awaitReplication(PrintWriter out) {
        List<Instance> replicas = topology.instances().filter(Instance::isReplica).toList();
        long deadline = System.nanoTime() + LINK_LIMIT.toNanos();
        List<String> down = linksDown(replicas);
        while (!down.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            down = linksDown(replicas);
        }
        summary(out);
        if (!down.isEmpty()) {
            out.println("replication is not up for " + String.join(", ", down) + " after " + LINK_LIMIT.toSeconds()
                    + " s: see 'repcon status " + topology.source() + "' and the logs under " + root);
        }
        return down.isEmpty();
    }

    private List<String> linksDown(List<Instance> replicas) {
        List<String> down = new ArrayList<>();
        for (Instance r : replicas) {
            if (!"up".equals(infoField(r, "replication", "master_link_status"))) down.add(r.ref().toString());
        }
        return down;
    }

    /** One INFO field of a lab instance, or null when it does not answer. */
    public String infoField(Instance i, String section, String field) {
        Host h = topology.hostOf(i);
        try (Jedis jedis = jedis(h, i.port())) {
            for (String line : jedis.info(section).split("\r?\n")) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** A short-timeout connection to a lab address; the caller closes it. */
    public static Jedis jedis(Host host, int port) {
        return new Jedis(host.address().orElseThrow(), port, 1000);
    }

    /** The servers the lab's hosts run, Redis first. */
    private java.util.Set<Server> servers() {
        java.util.Set<Server> out = java.util.EnumSet.noneOf(Server.class);
        topology.hosts().forEach(h -> out.add(binaries.server(h)));
        return out;
    }

    /** "redis-server: /usr/bin/redis-server", "valkey-server: not installed": each server the lab runs, and from where. */
    private String programs() {
        List<String> out = new ArrayList<>();
        for (Server server : servers()) {
            Optional<Path> program = binaries.serverBinary(server, root.resolve("bin"));
            out.add(server.serverBinary() + ": " + program.map(p -> p.startsWith(root)
                    ? "the build from Maven Central (" + LabBinaries.FALLBACK_ARTIFACT + ")" : p.toString()).orElse("not installed"));
        }
        return String.join("; ", out);
    }

    public void summary(PrintWriter out) {
        out.println("lab '" + topology.name() + "' in " + root + " (" + topology.counts() + "; " + programs()
                + "; tunnels: " + (tunnels() == TunnelKind.STUNNEL ? "stunnel with PSK" : TunnelKind.RELAY.label() + " (plain TCP relays: "
                + (chosenTunnels() == TunnelKind.STUNNEL ? "as the lab was started" : binaries.relays() ? "REPCON_LAB_TUNNELS=relay"
                : "stunnel is not installed") + ")") + ")");
        out.printf("%-10s %-11s %-8s %-6s %-8s %-9s %s%n", "HOST", "ADDRESS", "NAME", "PORT", "PID", "ROLE", "LINK");
        List<String> hostOrder = topology.hosts().stream().map(Host::name).toList();
        List<LabProcess> byHost = processes().stream()
                .sorted(Comparator.comparing((LabProcess p) -> hostOrder.indexOf(p.host()))).toList();
        for (LabProcess p : byHost) {
            Optional<Long> pid = pid(p);
            String state = pid.map(v -> Pids.isFrozen(v) ? v + "(T)" : v.toString()).orElse("stopped");
            String role = "";
            String link = "";
            if (p.type() == LabProcess.Type.REDIS && pid.isPresent() && !Pids.isFrozen(pid.get())) {
                Instance i = topology.host(p.host()).flatMap(h -> h.instance(p.name())).orElseThrow();
                role = Optional.ofNullable(infoField(i, "replication", "role")).map(r -> r.equals("slave") ? "replica" : r).orElse("?");
                if (i.isReplica()) link = "link " + Optional.ofNullable(infoField(i, "replication", "master_link_status")).orElse("?")
                        + " via " + p.readyAddress() + ":" + topology.replicationTunnel(i).map(Tunnel::accept).orElse(0);
            } else if (p.type() != LabProcess.Type.REDIS) {
                Host h = topology.host(p.host()).orElseThrow();
                link = h.tunnels().stream().map(t -> t.name() + " :" + t.accept() + (t.isServer() ? " (server)" : " (client)"))
                        .reduce((a, b) -> a + ", " + b).orElse("");
            }
            out.printf("%-10s %-11s %-8s %-6s %-8s %-9s %s%n", p.host(), p.readyAddress(), p.name(), p.readyPort(), state, role, link);
        }
        out.flush();
    }

    private void checkFree(LabProcess p) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(p.readyAddress(), p.readyPort()));
        } catch (IOException e) {
            throw RepconException.failed(p.readyAddress() + ":" + p.readyPort() + " (for " + p.label()
                    + ") is taken by another process: another lab, or a Redis on all addresses? ('ss -ltnp' shows it)");
        }
    }

    static boolean accepts(String address, int port) {
        return accepts(address, port, 200);
    }

    /** Whether something accepts a TCP connection on address:port now, within {@code timeoutMillis}. */
    public static boolean accepts(String address, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
