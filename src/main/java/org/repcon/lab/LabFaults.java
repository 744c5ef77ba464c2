package org.repcon.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.util.AtomicFiles;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.SetParams;

/**
 * The faults an operator must learn to read, injected into a running lab and recorded in the lab
 * directory so that {@code heal} can undo exactly them, from any later process.
 */
public final class LabFaults {

    /** The user the wrong-masterauth fault creates on the master; the default user stays open for the probe. */
    static final String REPLICATION_USER = "repcon-lab-replication";
    private static final String BURST_PREFIX = "repcon:lab:burst:";
    private static final int BURST_KEYS = 512;
    private static final String FILL_PREFIX = "repcon:lab:fill:";

    private LabFaults() {}

    /** How a fault's TARGET names what it acts on; each form finds it in the lab before anything is touched. */
    public enum Form {
        HOST("HOST"), INSTANCE("HOST/INSTANCE"), REPLICA("HOST/REPLICA"), MASTER("HOST/MASTER");

        private final String text;

        Form(String text) {
            this.text = text;
        }

        Aim resolve(Lab lab, String target) {
            Topology t = lab.topology();
            if (this == HOST) return new Aim(lab, tunnelOf(lab, target), null);
            Instance named = instance(t, target);
            Instance i = switch (this) {
                case REPLICA -> {
                    if (!named.isReplica()) throw RepconException.invalid(named.ref() + " is not a replica in the topology");
                    yield named;
                }
                case MASTER -> t.masterOf(named).orElse(named); // a master's fault given one of its replicas
                default -> named;
            };
            return new Aim(lab, lab.process(i.host(), i.name()).orElseThrow(), i);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * What a fault acts on, as its form found it: a host's tunnel process (HOST), or an instance and its process.
     *
     * @param instance null for the HOST form
     */
    record Aim(Lab lab, LabProcess process, Instance instance) {
        Topology topology() {
            return lab.topology();
        }

        Jedis jedis(Instance i) {
            return Lab.jedis(topology().hostOf(i), i.port());
        }

        Jedis jedis() {
            return jedis(instance);
        }

        Instance master() {
            return topology().masterOf(instance).orElseThrow();
        }

        long pid() {
            return lab.pid(process).orElseThrow(() -> RepconException.failed(process.label() + " is not running"));
        }
    }

    /**
     * Half of a fault: injecting it (which puts what undoing needs into {@code saved}) or undoing it (which reads
     * that back). Returns the line saying what was done; an undo returns null when heal's process pass did it.
     */
    @FunctionalInterface
    interface Step {
        String apply(Aim aim, Map<String, String> saved);
    }

    /** A stopped, killed or frozen process: heal's process pass starts or thaws it, there is nothing else to undo. */
    private static final Step PROCESS_COMES_BACK = (aim, saved) -> null;

    /**
     * One fault: its name on the command line, the target it takes, its help line, and how it is injected and
     * undone. The table below is the one list of faults: the help and the parser read it.
     */
    public record Fault(String cliName, Form form, String description, Step inject, Step undo) {

        public static final Fault STOP_TUNNEL = new Fault("stop-tunnel", Form.HOST,
                "stop a host's stunnel: on a replica host the local tunnel is down, on the master the remote leg",
                (aim, saved) -> {
                    if (!aim.lab().stop(aim.process())) throw RepconException.failed(aim.process().label() + " is not running");
                    return "stopped " + aim.process().label();
                },
                PROCESS_COMES_BACK);

        public static final Fault FREEZE_TUNNEL = new Fault("freeze-tunnel", Form.HOST,
                "SIGSTOP a host's stunnel: connections to it hang",
                LabFaults::freeze, PROCESS_COMES_BACK);

        public static final Fault KILL = new Fault("kill", Form.INSTANCE, "kill an instance, master or replica",
                (aim, saved) -> {
                    long pid = aim.pid();
                    Pids.signal(pid, "CONT");
                    Pids.signal(pid, "KILL");
                    // Killed means down as a client sees it: the pid ended and its port refuses.
                    if (!Pids.waitGone(pid, KILL_LIMIT)) {
                        throw RepconException.failed(aim.process().label() + " (pid " + pid + ") still runs "
                                + KILL_LIMIT.toSeconds() + " s after SIGKILL");
                    }
                    awaitRefused(aim);
                    return "killed " + aim.process().label() + " (pid " + pid + ")";
                },
                PROCESS_COMES_BACK);

        public static final Fault FREEZE = new Fault("freeze", Form.INSTANCE,
                "SIGSTOP an instance: its links go silent (a hung master)",
                LabFaults::freeze, PROCESS_COMES_BACK);

        public static final Fault WRONG_MASTERAUTH = new Fault("wrong-masterauth", Form.REPLICA,
                "the master asks the replica for a password it gets wrong",
                (aim, saved) -> {
                    try (Jedis m = aim.jedis(aim.master()); Jedis r = aim.jedis()) {
                        m.aclSetUser(REPLICATION_USER, "on", ">the-right-password", "+psync", "+replconf", "+ping");
                        r.configSet("masteruser", REPLICATION_USER);
                        r.configSet("masterauth", "a-wrong-password");
                        r.clientKill(ClientKillParams.clientKillParams().type(ClientType.MASTER));
                    }
                    return aim.instance().ref() + " now authenticates to " + aim.master().ref() + " as " + REPLICATION_USER
                            + " with a wrong password";
                },
                (aim, saved) -> {
                    try (Jedis m = aim.jedis(aim.master()); Jedis r = aim.jedis()) {
                        r.configSet("masterauth", "");
                        r.configSet("masteruser", "");
                        m.aclDelUser(REPLICATION_USER);
                        r.clientKill(ClientKillParams.clientKillParams().type(ClientType.MASTER));
                    }
                    return "cleared masteruser/masterauth of " + aim.instance().ref();
                });

        public static final Fault REPLICA_WRITABLE = new Fault("replica-writable", Form.REPLICA, "replica-read-only no",
                (aim, saved) -> readOnly(aim, "no"),
                (aim, saved) -> readOnly(aim, "yes"));

        public static final Fault WRONG_MASTER = new Fault("wrong-master", Form.REPLICA,
                "point the replica at another instance's tunnel (bayes at fuzzy)",
                (aim, saved) -> {
                    Topology t = aim.topology();
                    Instance replica = aim.instance();
                    Host host = t.hostOf(replica);
                    Tunnel wrong = host.tunnels().stream().filter(Tunnel::isClient)
                            .filter(x -> !t.destinationOf(x).map(Instance::ref).equals(Optional.of(aim.master().ref())))
                            .findFirst().orElseThrow(() -> RepconException.invalid("host " + host.name()
                                    + " has no other tunnel to point " + replica.ref() + " at"));
                    saved.put("port", Integer.toString(t.replicationTunnel(replica).orElseThrow().accept()));
                    try (Jedis r = aim.jedis()) {
                        r.replicaof(host.loopback(), wrong.accept());
                    }
                    return replica.ref() + " now replicates from " + host.loopback() + ":" + wrong.accept() + " ("
                            + t.destinationOf(wrong).map(i -> i.ref().toString()).orElse("?") + ")";
                },
                (aim, saved) -> {
                    String loopback = aim.topology().hostOf(aim.instance()).loopback();
                    try (Jedis r = aim.jedis()) {
                        r.replicaof(loopback, Integer.parseInt(saved.get("port")));
                    }
                    return aim.instance().ref() + " replicates from " + loopback + ":" + saved.get("port") + " again";
                });

        public static final Fault BACKLOG_BURST = new Fault("backlog-burst", Form.MASTER,
                "tiny repl-backlog-size, replicas cut off, a write burst: partial resync fails",
                (aim, saved) -> {
                    // The replicas are held (SIGSTOP) while the master writes far more than its backlog holds and
                    // trims it (Redis 7 trims in its cron, not at once); released, they find their offset gone.
                    List<Long> held = aim.topology().replicasOf(aim.instance()).stream()
                            .map(r -> aim.lab().pid(aim.lab().process(r.host(), r.name()).orElseThrow()))
                            .flatMap(Optional::stream).toList();
                    try (Jedis m = aim.jedis()) {
                        saved.put("repl-backlog-size", m.configGet("repl-backlog-size").get("repl-backlog-size"));
                        m.configSet("repl-backlog-size", "16384");
                        held.forEach(pid -> Pids.signal(pid, "STOP"));
                        m.clientKill(ClientKillParams.clientKillParams().type(ClientType.REPLICA));
                        Pipeline pipe = m.pipelined();
                        String value = "x".repeat(4096);
                        for (String key : keys(BURST_PREFIX, BURST_KEYS)) pipe.set(key, value, SetParams.setParams().ex(600));
                        pipe.sync();
                        Lab.sleep(1500);
                    } finally {
                        held.forEach(pid -> Pids.signal(pid, "CONT"));
                    }
                    return aim.instance().ref() + ": repl-backlog-size 16384, replicas disconnected, 2 MB written";
                },
                (aim, saved) -> {
                    try (Jedis m = aim.jedis()) {
                        m.configSet("repl-backlog-size", saved.get("repl-backlog-size"));
                        m.del(keys(BURST_PREFIX, BURST_KEYS));
                    }
                    return aim.instance().ref() + ": repl-backlog-size " + saved.get("repl-backlog-size") + " again";
                });

        public static final Fault MASTER_FULL = new Fault("master-full", Form.MASTER,
                "maxmemory reached with noeviction: writes fail with OOM",
                (aim, saved) -> {
                    String used = aim.lab().infoField(aim.instance(), "memory", "used_memory");
                    if (used == null) throw RepconException.failed(aim.instance().ref() + " does not answer");
                    try (Jedis m = aim.jedis()) {
                        saved.put("maxmemory", m.configGet("maxmemory").get("maxmemory"));
                        saved.put("maxmemory-policy", m.configGet("maxmemory-policy").get("maxmemory-policy"));
                        m.configSet("maxmemory-policy", "noeviction");
                        m.configSet("maxmemory", Long.toString(Long.parseLong(used.strip()) + 256 * 1024));
                        String value = "x".repeat(4096);
                        int n = 0;
                        try {
                            for (; n < 10_000; n++) m.set(FILL_PREFIX + n, value);
                        } catch (JedisDataException oom) {
                            // reached: that is the point
                        }
                        saved.put("filled", Integer.toString(n));
                    }
                    return aim.instance().ref() + ": maxmemory reached with noeviction; writes now fail with OOM";
                },
                (aim, saved) -> {
                    try (Jedis m = aim.jedis()) {
                        int filled = Integer.parseInt(saved.getOrDefault("filled", "0"));
                        if (filled > 0) m.del(keys(FILL_PREFIX, filled));
                        m.configSet("maxmemory", saved.get("maxmemory"));
                        m.configSet("maxmemory-policy", saved.get("maxmemory-policy"));
                    }
                    return aim.instance().ref() + ": maxmemory " + saved.get("maxmemory") + " again";
                });

        private static final List<Fault> TABLE = List.of(STOP_TUNNEL, FREEZE_TUNNEL, KILL, FREEZE, WRONG_MASTERAUTH,
                REPLICA_WRITABLE, WRONG_MASTER, BACKLOG_BURST, MASTER_FULL);

        public static List<Fault> values() {
            return TABLE;
        }

        public static Fault parse(String name) {
            for (Fault f : TABLE) if (f.cliName.equals(name)) return f;
            List<String> names = TABLE.stream().map(Fault::cliName).toList();
            throw RepconException.invalid("no fault '" + name + "'" + Suggest.hint(name, names) + "; faults: " + String.join(", ", names));
        }

        /** How the help writes the target: HOST, HOST/INSTANCE, HOST/REPLICA or HOST/MASTER. */
        public String targetForm() {
            return form.text;
        }

        @Override
        public String toString() {
            return cliName;
        }
    }

    /**
     * The faults as the help lists them, each line at most {@code width} columns (a description too long for
     * its line goes on under itself), and how targets are named.
     */
    public static List<String> help(int width) {
        int column = Fault.values().stream().mapToInt(f -> f.cliName().length() + 1 + f.targetForm().length()).max().orElse(0) + 4;
        List<String> lines = new ArrayList<>(List.of("Faults:"));
        for (Fault f : Fault.values()) {
            String head = "  " + f.cliName() + " " + f.targetForm();
            lines.addAll(wrap(head + " ".repeat(column - head.length()), f.description(), width));
        }
        lines.add("");
        lines.addAll(wrap("", "HOST/REPLICA and HOST/MASTER name an instance (replica1/bayes, master/fuzzy); a master's"
                + " fault given one of its replicas acts on that replica's master. 'repcon lab heal FILE' undoes them all.", width));
        return lines;
    }

    /** {@code text} after {@code head}, broken at spaces so that every line fits, continued under its start. */
    private static List<String> wrap(String head, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(head);
        for (String word : text.split(" ")) {
            if (line.length() > head.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(head.length()));
            }
            if (line.length() > head.length()) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** A fault as the lab directory keeps it: what undoing needs, saved at injection. */
    private record Injected(Fault fault, String target, Map<String, String> saved) {}

    /** Injects a fault; returns a line saying what was done. */
    public static String inject(Lab lab, Fault fault, String target) {
        Aim aim = fault.form().resolve(lab, target);
        Map<String, String> saved = new LinkedHashMap<>();
        String done = fault.inject().apply(aim, saved);
        List<Injected> injected = new ArrayList<>(read(lab));
        injected.add(new Injected(fault, target, saved));
        write(lab, injected);
        return done;
    }

    /** Undoes every recorded fault (newest first), then brings every process back up. */
    public static List<String> heal(Lab lab, PrintWriter out) {
        List<String> done = new ArrayList<>();
        List<Injected> injected = new ArrayList<>(read(lab));
        Collections.reverse(injected);
        // Processes first: a frozen or dead instance cannot take the config undos below.
        for (LabProcess p : lab.processes()) {
            Optional<Long> pid = lab.pid(p);
            if (pid.isPresent() && Pids.isFrozen(pid.get())) {
                Pids.signal(pid.get(), "CONT");
                done.add("thawed " + p.label());
            } else if (pid.isEmpty()) {
                lab.start(p);
                done.add("started " + p.label());
            }
        }
        for (Injected i : injected) {
            try {
                String line = i.fault().undo().apply(i.fault().form().resolve(lab, i.target()), i.saved());
                if (line != null) done.add(line);
            } catch (RuntimeException e) {
                done.add("could not undo " + i.fault().cliName() + " " + i.target() + ": " + e.getMessage());
            }
        }
        forget(lab);
        done.forEach(out::println);
        out.flush();
        return done;
    }

    public static List<String> active(Lab lab) {
        return read(lab).stream().map(i -> i.fault().cliName() + " " + i.target()).toList();
    }

    static void forget(Lab lab) {
        try {
            Files.deleteIfExists(file(lab));
        } catch (IOException e) {
            throw RepconException.failed("cannot remove " + file(lab) + ": " + e.getMessage());
        }
    }

    private static Path file(Lab lab) {
        return lab.root().resolve("faults");
    }

    /** One line a fault: its name, its target and its saved values ({@code key=value;...}), tab-separated. */
    private static List<Injected> read(Lab lab) {
        try {
            List<Injected> out = new ArrayList<>();
            for (String line : Files.readAllLines(file(lab), StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", -1);
                if (parts.length < 2) continue;
                Map<String, String> saved = new LinkedHashMap<>();
                if (parts.length > 2 && !parts[2].isEmpty()) {
                    for (String kv : parts[2].split(";")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) saved.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                out.add(new Injected(Fault.parse(parts[0]), parts[1], saved));
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw RepconException.failed("cannot read " + file(lab) + ": " + e.getMessage());
        }
    }

    private static void write(Lab lab, List<Injected> injected) {
        String text = injected.stream().map(i -> i.fault().cliName() + "\t" + i.target() + "\t"
                + i.saved().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")))
                .collect(Collectors.joining("\n", "", "\n"));
        AtomicFiles.writeOrFail(file(lab), text, 0644);
    }

    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    /** Waits until the instance's address refuses connections, as it does once the kernel closed its socket. */
    private static void awaitRefused(Aim aim) {
        Host host = aim.topology().hostOf(aim.instance());
        long deadline = System.nanoTime() + KILL_LIMIT.toNanos();
        while (Lab.accepts(host.address().orElseThrow(), aim.instance().port(), 500)) {
            if (System.nanoTime() > deadline) {
                throw RepconException.failed(aim.instance().ref() + " still accepts connections on port "
                        + aim.instance().port() + " " + KILL_LIMIT.toSeconds() + " s after its process ended");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String freeze(Aim aim, Map<String, String> saved) {
        long pid = aim.pid();
        Pids.signal(pid, "STOP");
        return "froze " + aim.process().label() + " (pid " + pid + ")";
    }

    private static String readOnly(Aim aim, String yesOrNo) {
        try (Jedis r = aim.jedis()) {
            r.configSet("replica-read-only", yesOrNo);
        }
        return aim.instance().ref() + ": replica-read-only " + yesOrNo;
    }

    /** The keys {@code prefix0} .. {@code prefix(count-1)} a fault wrote, to delete them again. */
    private static String[] keys(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> prefix + n).toArray(String[]::new);
    }

    /** The host of a tunnel fault's target; an instance of it (replica1/bayes) names the same host. */
    private static LabProcess tunnelOf(Lab lab, String target) {
        String host = InstanceRef.parse(target).map(InstanceRef::host).orElse(target);
        Host h = lab.topology().host(host).orElseThrow(() -> RepconException.invalid("no host '" + host + "'"
                + Suggest.hint(host, lab.topology().hosts().stream().map(Host::name).toList())));
        return lab.tunnelProcess(h.name()).orElseThrow(() -> RepconException.invalid("host " + host + " has no tunnels"));
    }

    static Instance instance(Topology t, String target) {
        Optional<Host> named = t.host(target);
        if (named.isPresent()) {
            throw RepconException.invalid("'" + target + "' is a host; this fault takes one of its instances: " + named.get().instances()
                    .stream().map(i -> i.ref().toString()).collect(Collectors.joining(", ")));
        }
        InstanceRef ref = InstanceRef.parse(target).orElseThrow(() -> RepconException.invalid("'" + target
                + "' is not HOST/INSTANCE (e.g. master/bayes)"));
        Host host = t.host(ref.host()).orElseThrow(() -> RepconException.invalid("no host '" + ref.host() + "'"
                + Suggest.hint(ref.host(), t.hosts().stream().map(Host::name).toList())));
        return host.instance(ref.name()).orElseThrow(() -> RepconException.invalid("host " + ref.host() + " has no instance '"
                + ref.name() + "'" + Suggest.hint(ref.name(), host.instances().stream().map(Instance::name).toList())));
    }
}
