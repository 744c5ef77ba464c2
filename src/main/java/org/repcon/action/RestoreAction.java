package org.repcon.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.command.Command;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.probe.Keyspace;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Brings a master's dataset back from one of its replicas: a fresh snapshot on the replica, its RDB copied over the
 * master's file (the master stopped first), the master started; verified by the master's keys against the replica's,
 * then by each replica reconnecting with its keys unchanged. What the dataset guard offers when a start would wipe
 * the replicas.
 */
final class RestoreAction implements Action {

    /** An RDB is no secret but Redis, running as its own user, must read it. */
    private static final int RDB_MODE = 0644;

    private final Command.Restore command;
    private final ActionContext ctx;
    private final Instance master;
    private final Host masterHost;
    private final ServiceControl service;

    RestoreAction(Command.Restore command, ActionContext ctx) {
        this.command = command;
        this.ctx = ctx;
        this.master = command.master().instance();
        this.masterHost = command.master().host();
        this.service = ServiceControl.of(ctx, master);
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public Checked check() {
        String m = subject();
        Optional<String> no = service.undrivable();
        if (no.isPresent()) return Checked.refused(no.get());
        List<DatasetGuard.ReplicaState> replicas = DatasetGuard.replicas(ctx, master);
        Map<Instance, Keyspace> replicasBefore = new LinkedHashMap<>();
        replicas.forEach(r -> replicasBefore.put(r.replica(), r.keys()));
        DatasetGuard.ReplicaState source;
        if (command.source().isPresent()) {
            Instance named = command.source().get().instance();
            source = replicas.stream().filter(r -> r.replica().ref().equals(named.ref())).findFirst().orElse(null);
            if (source == null) return Checked.refused(Redis.notAnswering(ctx.probe(named)) + ": it cannot give a snapshot");
        } else {
            source = DatasetGuard.best(replicas).orElse(null);
            if (source == null) return Checked.refused("no replica of " + m + " answers: there is nothing to restore it from");
        }
        String r = source.replica().ref().toString();
        if (source.keys().total() == 0) return Checked.refused(r + " holds no keys: there is nothing to restore " + m + " from");
        List<String> facts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (DatasetGuard.ReplicaState x : replicas) facts.add(x.describe() + (x == source ? ": the snapshot's source" : ""));
        if (command.source().isEmpty() && replicas.size() > 1) {
            facts.add(r + " chosen as Sentinel would: link up first, then the highest offset, the shortest time cut off, the most keys");
        }
        boolean running = false;
        ServiceControl.State state = service.state();
        switch (state.liveness()) {
            case UNREACHABLE -> {
                return Checked.refused("cannot reach " + m + ": " + state.detail());
            }
            case SILENT, ACCEPTS_ONLY -> {
                return Checked.refused(m + " accepts connections but does not answer (" + state.detail() + "): stop it first");
            }
            case ANSWERS -> {
                running = true;
                if (service.selfManaged() && service.pid().isEmpty()) {
                    return Checked.refused(m + " answers, but no process of the lab's pid file runs: repcon did not start it, stop it by hand first");
                }
                Optional<String> guard = runningMaster(source, facts, warnings);
                if (guard.isPresent()) return Checked.refused(guard.get());
            }
            case DOWN -> facts.add(m + " is not running");
        }
        InstanceDisk disk = InstanceDisk.read(ctx, master);
        if (disk.appendonly()) {
            String aof = disk.aof().map(InstanceDisk.FileFacts::path).orElse("its AOF");
            return Checked.refused(m + "'s file " + disk.configPath() + " has appendonly yes: at start Redis would load its AOF ("
                    + aof + "), not the restored RDB. Set appendonly no in that file and move " + aof + " aside by hand, restore,"
                    + " then turn it on again (CONFIG SET appendonly yes writes a new AOF from the data)");
        }
        String masterPath = disk.rdb().path();
        facts.add(m + "'s RDB " + masterPath + (disk.rdb().exists() ? ": " + disk.rdb().size() + " bytes, kept as a backup beside it"
                : ": missing"));
        String sourcePath;
        try {
            sourcePath = rdbPath(source.replica());
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
        Step.CopyFile copy = new Step.CopyFile(source.replica().host(), sourcePath, masterHost.name(), masterPath, RDB_MODE);
        Host sourceHost = ctx.topology().hostOf(source.replica());
        InstanceDisk.FileFacts current = InstanceDisk.stat(ctx.transport(sourceHost), sourceHost, List.of(sourcePath)).get(0);
        if (current.size() > RdbTransfer.MAX_BYTES) return Checked.refused(RdbTransfer.tooLarge(copy).getMessage());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Snapshot(source.replica()));
        if (running) {
            Optional<Step> stop = service.stopStep();
            if (stop.isEmpty()) return Checked.refused(m + " runs but cannot be stopped");
            steps.add(stop.get());
        }
        steps.add(copy);
        steps.add(service.startStep());
        warnings.addAll(service.affected());
        warnings.add("the replicas then reconnect to " + m + " and take its data, which is " + r + "'s snapshot");
        DatasetGuard.ReplicaState from = source;
        return Checked.ready(Plan.change("restore " + m + " from " + r, facts, steps, warnings, Confirmation.TYPE_NAME,
                progress -> verify(from, replicasBefore, progress)));
    }

    /** A running master: what it holds must not be more than what replaces it, nor be kept by an AOF. */
    private Optional<String> runningMaster(DatasetGuard.ReplicaState source, List<String> facts, List<String> warnings) {
        String m = subject();
        try (Jedis j = ctx.connect(master)) {
            Info info = InfoParser.parse(j.info());
            Keyspace keys = Keyspace.of(info);
            facts.add(m + " runs and holds " + keys.describe() + ": it is stopped before its file is replaced");
            if (keys.total() > source.keys().total() && !command.force()) {
                return Optional.of(m + " holds " + keys.describe() + ", more than " + source.replica().ref() + " ("
                        + source.keys().describe() + "): restoring would lose the difference; add --force (and type " + m
                        + ") to do it anyway");
            }
            if (keys.total() > source.keys().total()) warnings.add(m + "'s " + keys.describe() + " are replaced by " + source.keys().describe());
        } catch (JedisException e) {
            return Optional.of(m + ": " + Redis.reason(e));
        }
        return Optional.empty();
    }

    /** Where the instance writes its RDB: its running dir and dbfilename. */
    private String rdbPath(Instance instance) {
        try (Jedis j = ctx.connect(instance)) {
            Map<String, String> c = j.configGet("dir", "dbfilename");
            String dir = c.getOrDefault("dir", "");
            String file = c.getOrDefault("dbfilename", "");
            if (dir.isEmpty() || file.isEmpty()) throw RepconException.failed(instance.ref() + " does not say where it saves (CONFIG GET dir dbfilename)");
            return (dir.endsWith("/") ? dir : dir + "/") + file;
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": CONFIG GET dir dbfilename: " + Redis.reason(e), e);
        }
    }

    /** By the master's keys against the source's, then each replica's keys against what it held when checked. */
    private String verify(DatasetGuard.ReplicaState source, Map<Instance, Keyspace> replicasBefore, Progress progress) {
        String m = subject();
        long ms = service.await(l -> l == ServiceControl.Liveness.ANSWERS, "answers", progress);
        Keyspace restored = loaded(progress);
        if (DatasetGuard.clearlyFewer(restored.total(), source.keys().total())) {
            throw RepconException.failed(m + " answers but holds " + restored.describe() + ", not " + source.replica().ref()
                    + "'s " + source.keys().describe() + "; its replicas may copy that: stop it (stop " + m + ")");
        }
        List<String> said = new ArrayList<>();
        said.add(m + " holds " + restored.describe() + " again (" + source.replica().ref() + " had " + source.keys().describe()
                + "), up after " + ms + " ms");
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Instance, Keyspace> e : replicasBefore.entrySet()) {
            Instance r = e.getKey();
            String how = reconnect(r, progress);
            Keyspace now = Keyspace.of(Redis.info(ctx, r));
            if (DatasetGuard.clearlyFewer(now.total(), e.getValue().total())) {
                lost.add(r.ref() + " " + e.getValue().total() + " -> " + now.total() + " keys");
            }
            said.add(r.ref() + " " + how + ", " + now.describe() + " (before: " + e.getValue().total() + ")");
        }
        if (!lost.isEmpty()) throw RepconException.failed("replicas lost keys: " + String.join(", ", lost) + "; " + String.join("; ", said));
        return String.join("; ", said);
    }

    /** Waits while the master loads its file; its keys then. */
    private Keyspace loaded(Progress progress) {
        long deadline = System.nanoTime() + ctx.limits().syncWait().toNanos();
        progress.note("waiting until " + subject() + " has loaded its RDB");
        while (true) {
            Info info = Redis.info(ctx, master);
            if (!info.flag("loading").orElse(false)) return Keyspace.of(info);
            if (System.nanoTime() > deadline) throw RepconException.failed(subject() + " still loads its RDB after " + ctx.limits().syncWait().toMinutes() + " min");
            ServiceControl.sleep(ctx.limits().poll().toMillis());
        }
    }

    /** A replica back in sync with the master; a replica cut off (its tunnel down) is said so, its keys checked all the same. */
    private String reconnect(Instance replica, Progress progress) {
        Optional<Tunnel> tunnel = ctx.topology().replicationTunnel(replica);
        if (tunnel.isEmpty()) return "has no tunnel to " + subject();
        Host host = ctx.topology().hostOf(replica);
        try {
            return "reconnected: " + new SyncWatch(ctx, replica, master, host.loopback(), tunnel.get().accept()).await(() -> true, progress);
        } catch (RepconException e) {
            return "has not reconnected (" + e.getMessage() + ")";
        }
    }
}
