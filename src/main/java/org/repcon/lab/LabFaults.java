package org.repcon.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
import redis.clients.jedis.params.SetParams;

/**
 * The faults an operator must learn to read, injected into a running lab and recorded in the lab
 * directory so that {@code heal} can undo exactly them, from any later process.
 */
public final class LabFaults {

    /** The user the wrong-masterauth fault creates on the master; the default user stays open for the probe. */
    static final String REPLICATION_USER = "repcon-lab-replication";
    private static final String BURST_PREFIX = "repcon:lab:burst:";
    private static final String FILL_PREFIX = "repcon:lab:fill:";

    public enum Fault {
        STOP_TUNNEL("stop-tunnel", "HOST", "stop a host's stunnel: on a replica host the local tunnel is down, on the master the remote leg"),
        FREEZE_TUNNEL("freeze-tunnel", "HOST", "SIGSTOP a host's stunnel: connections to it hang"),
        KILL("kill", "HOST/INSTANCE", "kill an instance, master or replica"),
        FREEZE("freeze", "HOST/INSTANCE", "SIGSTOP an instance: its links go silent (a hung master)"),
        WRONG_MASTERAUTH("wrong-masterauth", "HOST/REPLICA", "the master asks the replica for a password it gets wrong"),
        REPLICA_WRITABLE("replica-writable", "HOST/REPLICA", "replica-read-only no"),
        WRONG_MASTER("wrong-master", "HOST/REPLICA", "point the replica at another instance's tunnel (bayes at fuzzy)"),
        BACKLOG_BURST("backlog-burst", "HOST/MASTER", "tiny repl-backlog-size, replicas cut off, a write burst: partial resync fails"),
        MASTER_FULL("master-full", "HOST/MASTER", "maxmemory reached with noeviction: writes fail with OOM");

        private final String cliName;
        private final String targetForm;
        private final String description;

        Fault(String cliName, String targetForm, String description) {
            this.cliName = cliName;
            this.targetForm = targetForm;
            this.description = description;
        }

        public String cliName() {
            return cliName;
        }

        public String targetForm() {
            return targetForm;
        }

        public String description() {
            return description;
        }

        public static Fault parse(String name) {
            for (Fault f : values()) if (f.cliName.equals(name)) return f;
            List<String> names = java.util.Arrays.stream(values()).map(Fault::cliName).toList();
            throw RepconException.invalid("no fault '" + name + "'" + Suggest.hint(name, names) + "; faults: " + String.join(", ", names));
        }
    }

    private record Record(Fault fault, String target, Map<String, String> undo) {}

    private LabFaults() {}

    /** Injects a fault; returns a line saying what was done. */
    public static String inject(Lab lab, Fault fault, String target) {
        Topology t = lab.topology();
        Map<String, String> undo = new LinkedHashMap<>();
        String done = switch (fault) {
            case STOP_TUNNEL -> {
                LabProcess p = tunnelOf(lab, target);
                if (!lab.stop(p)) throw RepconException.failed(p.label() + " is not running");
                yield "stopped " + p.label();
            }
            case FREEZE_TUNNEL -> {
                LabProcess p = tunnelOf(lab, target);
                yield "froze " + p.label() + " (pid " + signal(lab, p, "STOP") + ")";
            }
            case KILL -> {
                LabProcess p = instanceProcess(lab, instance(t, target));
                long pid = lab.pid(p).orElseThrow(() -> RepconException.failed(p.label() + " is not running"));
                Pids.signal(pid, "CONT");
                Pids.signal(pid, "KILL");
                Pids.waitGone(pid, java.time.Duration.ofSeconds(5));
                yield "killed " + p.label() + " (pid " + pid + ")";
            }
            case FREEZE -> {
                LabProcess p = instanceProcess(lab, instance(t, target));
                yield "froze " + p.label() + " (pid " + signal(lab, p, "STOP") + ")";
            }
            case WRONG_MASTERAUTH -> {
                Instance replica = replica(t, target);
                Instance master = t.masterOf(replica).orElseThrow();
                try (Jedis m = jedis(t, master); Jedis r = jedis(t, replica)) {
                    m.aclSetUser(REPLICATION_USER, "on", ">the-right-password", "+psync", "+replconf", "+ping");
                    r.configSet("masteruser", REPLICATION_USER);
                    r.configSet("masterauth", "a-wrong-password");
                    r.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams()
                            .type(redis.clients.jedis.args.ClientType.MASTER));
                }
                yield replica.ref() + " now authenticates to " + master.ref() + " as " + REPLICATION_USER + " with a wrong password";
            }
            case REPLICA_WRITABLE -> {
                Instance replica = replica(t, target);
                try (Jedis r = jedis(t, replica)) {
                    r.configSet("replica-read-only", "no");
                }
                yield replica.ref() + ": replica-read-only no";
            }
            case WRONG_MASTER -> {
                Instance replica = replica(t, target);
                Host host = t.hostOf(replica);
                Tunnel right = t.replicationTunnel(replica).orElseThrow();
                Tunnel wrong = host.tunnels().stream().filter(Tunnel::isClient)
                        .filter(x -> !t.destinationOf(x).map(Instance::ref).equals(Optional.of(t.masterOf(replica).orElseThrow().ref())))
                        .findFirst().orElseThrow(() -> RepconException.invalid("host " + host.name()
                                + " has no other tunnel to point " + replica.ref() + " at"));
                try (Jedis r = jedis(t, replica)) {
                    r.replicaof(host.loopback(), wrong.accept());
                }
                undo.put("port", Integer.toString(right.accept()));
                yield replica.ref() + " now replicates from " + host.loopback() + ":" + wrong.accept() + " ("
                        + t.destinationOf(wrong).map(i -> i.ref().toString()).orElse("?") + ")";
            }
            case BACKLOG_BURST -> {
                Instance master = master(t, target);
                // The replicas are held (SIGSTOP) while the master writes far more than its backlog holds and
                // trims it (Redis 7 trims in its cron, not at once); released, they find their offset gone.
                List<Long> held = t.replicasOf(master).stream().map(r -> lab.pid(instanceProcess(lab, r)))
                        .flatMap(Optional::stream).toList();
                try (Jedis m = jedis(t, master)) {
                    undo.put("repl-backlog-size", m.configGet("repl-backlog-size").get("repl-backlog-size"));
                    m.configSet("repl-backlog-size", "16384");
                    held.forEach(pid -> Pids.signal(pid, "STOP"));
                    m.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams()
                            .type(redis.clients.jedis.args.ClientType.REPLICA));
                    Pipeline pipe = m.pipelined();
                    String value = "x".repeat(4096);
                    for (int n = 0; n < 512; n++) pipe.set(BURST_PREFIX + n, value, SetParams.setParams().ex(600));
                    pipe.sync();
                    Lab.sleep(1500);
                } finally {
                    held.forEach(pid -> Pids.signal(pid, "CONT"));
                }
                yield master.ref() + ": repl-backlog-size 16384, replicas disconnected, 2 MB written";
            }
            case MASTER_FULL -> {
                Instance master = master(t, target);
                try (Jedis m = jedis(t, master)) {
                    undo.put("maxmemory", m.configGet("maxmemory").get("maxmemory"));
                    undo.put("maxmemory-policy", m.configGet("maxmemory-policy").get("maxmemory-policy"));
                    long used = Long.parseLong(field(m.info("memory"), "used_memory"));
                    m.configSet("maxmemory-policy", "noeviction");
                    m.configSet("maxmemory", Long.toString(used + 256 * 1024));
                    String value = "x".repeat(4096);
                    int n = 0;
                    try {
                        for (; n < 10_000; n++) m.set(FILL_PREFIX + n, value);
                    } catch (redis.clients.jedis.exceptions.JedisDataException oom) {
                        // reached: that is the point
                    }
                    undo.put("filled", Integer.toString(n));
                }
                yield master.ref() + ": maxmemory reached with noeviction; writes now fail with OOM";
            }
        };
        List<Record> records = new ArrayList<>(read(lab));
        records.add(new Record(fault, target, undo));
        write(lab, records);
        return done;
    }

    /** Undoes every recorded fault (newest first), then brings every process back up. */
    public static List<String> heal(Lab lab, java.io.PrintWriter out) {
        Topology t = lab.topology();
        List<String> done = new ArrayList<>();
        List<Record> records = new ArrayList<>(read(lab));
        Collections.reverse(records);
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
        for (Record r : records) {
            try {
                String line = undo(t, r);
                if (line != null) done.add(line);
            } catch (RuntimeException e) {
                done.add("could not undo " + r.fault().cliName() + " " + r.target() + ": " + e.getMessage());
            }
        }
        forget(lab);
        done.forEach(out::println);
        out.flush();
        return done;
    }

    private static String undo(Topology t, Record r) {
        return switch (r.fault()) {
            case STOP_TUNNEL, FREEZE_TUNNEL, KILL, FREEZE -> null; // the process pass did it
            case WRONG_MASTERAUTH -> {
                Instance replica = replica(t, r.target());
                try (Jedis m = jedis(t, t.masterOf(replica).orElseThrow()); Jedis rep = jedis(t, replica)) {
                    rep.configSet("masterauth", "");
                    rep.configSet("masteruser", "");
                    m.aclDelUser(REPLICATION_USER);
                    rep.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams()
                            .type(redis.clients.jedis.args.ClientType.MASTER));
                }
                yield "cleared masteruser/masterauth of " + replica.ref();
            }
            case REPLICA_WRITABLE -> {
                Instance replica = replica(t, r.target());
                try (Jedis rep = jedis(t, replica)) {
                    rep.configSet("replica-read-only", "yes");
                }
                yield replica.ref() + ": replica-read-only yes";
            }
            case WRONG_MASTER -> {
                Instance replica = replica(t, r.target());
                Host host = t.hostOf(replica);
                try (Jedis rep = jedis(t, replica)) {
                    rep.replicaof(host.loopback(), Integer.parseInt(r.undo().get("port")));
                }
                yield replica.ref() + " replicates from " + host.loopback() + ":" + r.undo().get("port") + " again";
            }
            case BACKLOG_BURST -> {
                Instance master = master(t, r.target());
                try (Jedis m = jedis(t, master)) {
                    m.configSet("repl-backlog-size", r.undo().get("repl-backlog-size"));
                    String[] keys = java.util.stream.IntStream.range(0, 512).mapToObj(n -> BURST_PREFIX + n).toArray(String[]::new);
                    m.del(keys);
                }
                yield master.ref() + ": repl-backlog-size " + r.undo().get("repl-backlog-size") + " again";
            }
            case MASTER_FULL -> {
                Instance master = master(t, r.target());
                try (Jedis m = jedis(t, master)) {
                    int filled = Integer.parseInt(r.undo().getOrDefault("filled", "0"));
                    if (filled > 0) {
                        m.del(java.util.stream.IntStream.range(0, filled).mapToObj(n -> FILL_PREFIX + n).toArray(String[]::new));
                    }
                    m.configSet("maxmemory", r.undo().get("maxmemory"));
                    m.configSet("maxmemory-policy", r.undo().get("maxmemory-policy"));
                }
                yield master.ref() + ": maxmemory " + r.undo().get("maxmemory") + " again";
            }
        };
    }

    public static List<String> active(Lab lab) {
        return read(lab).stream().map(r -> r.fault().cliName() + " " + r.target()).toList();
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

    private static List<Record> read(Lab lab) {
        try {
            List<Record> out = new ArrayList<>();
            for (String line : Files.readAllLines(file(lab), StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", -1);
                if (parts.length < 2) continue;
                Map<String, String> undo = new LinkedHashMap<>();
                if (parts.length > 2 && !parts[2].isEmpty()) {
                    for (String kv : parts[2].split(";")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) undo.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                out.add(new Record(Fault.parse(parts[0]), parts[1], undo));
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw RepconException.failed("cannot read " + file(lab) + ": " + e.getMessage());
        }
    }

    private static void write(Lab lab, List<Record> records) {
        String text = records.stream().map(r -> r.fault().cliName() + "\t" + r.target() + "\t"
                + r.undo().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")))
                .collect(Collectors.joining("\n", "", "\n"));
        AtomicFiles.writeOrFail(file(lab), text, 0644);
    }

    private static long signal(Lab lab, LabProcess p, String signal) {
        long pid = lab.pid(p).orElseThrow(() -> RepconException.failed(p.label() + " is not running"));
        Pids.signal(pid, signal);
        return pid;
    }

    private static LabProcess tunnelOf(Lab lab, String target) {
        String host = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
        Host h = lab.topology().host(host).orElseThrow(() -> RepconException.invalid("no host '" + host + "'"
                + Suggest.hint(host, lab.topology().hosts().stream().map(Host::name).toList())));
        return lab.tunnelProcess(h.name()).orElseThrow(() -> RepconException.invalid("host " + host + " has no tunnels"));
    }

    private static LabProcess instanceProcess(Lab lab, Instance i) {
        return lab.process(i.host(), i.name()).orElseThrow();
    }

    static Instance instance(Topology t, String target) {
        Optional<Host> named = t.host(target);
        if (named.isPresent()) {
            throw RepconException.invalid("'" + target + "' is a host; this fault takes one of its instances: " + named.get().instances()
                    .stream().map(i -> i.ref().toString()).collect(java.util.stream.Collectors.joining(", ")));
        }
        InstanceRef ref = InstanceRef.parse(target).orElseThrow(() -> RepconException.invalid("'" + target
                + "' is not HOST/INSTANCE (e.g. master/bayes)"));
        Host host = t.host(ref.host()).orElseThrow(() -> RepconException.invalid("no host '" + ref.host() + "'"
                + Suggest.hint(ref.host(), t.hosts().stream().map(Host::name).toList())));
        return host.instance(ref.name()).orElseThrow(() -> RepconException.invalid("host " + ref.host() + " has no instance '"
                + ref.name() + "'" + Suggest.hint(ref.name(), host.instances().stream().map(Instance::name).toList())));
    }

    private static Instance replica(Topology t, String target) {
        Instance i = instance(t, target);
        if (!i.isReplica()) throw RepconException.invalid(i.ref() + " is not a replica in the topology");
        return i;
    }

    /** The master itself, or the master of a replica given instead. */
    private static Instance master(Topology t, String target) {
        Instance i = instance(t, target);
        return t.masterOf(i).orElse(i);
    }

    private static Jedis jedis(Topology t, Instance i) {
        return Lab.jedis(t.hostOf(i), i.port());
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) if (line.startsWith(name + ":")) return line.substring(name.length() + 1).strip();
        throw RepconException.failed("INFO has no " + name);
    }
}
