package org.repcon.setup;

import static org.repcon.topology.Convention.LOGFILE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.action.Progress;
import org.repcon.action.ServiceControl;
import org.repcon.action.SyncWatch;
import org.repcon.diagnosis.LogPatterns;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;

/**
 * The host's replicas replicate, as the tutorial's "Checking" asks: each follows the local end of its tunnel with
 * its link up, its offset has reached its master's, and its log says a sync succeeded ("MASTER <-> REPLICA sync:
 * Finished with success", or an accepted partial resync). The log line is quoted as evidence; a log rotated since
 * the last sync has none, and then the link and offsets alone decide.
 */
final class ReplicationStep extends VerifyStep {

    /** How many of a replica's last log lines are searched for the sync line. */
    static final int LOG_LINES = 500;
    /** How often a replica a few bytes behind is asked again before it counts as behind. */
    private static final int CATCH_UP_TRIES = 10;
    /** After the link is up, how long the sync line gets to reach the log. */
    private static final long LOG_WAIT_MILLIS = 3000;

    ReplicationStep(Host host) {
        super(host, StepKind.VERIFY_REPLICATION, "verify replication on " + host.name());
    }

    private List<Instance> replicas() {
        return host.instances().stream().filter(Instance::isReplica).toList();
    }

    @Override
    List<String> commands(SetupContext ctx) {
        return replicas().stream().map(r -> "wait until " + r.ref() + " follows " + endpoint(ctx, r) + " with its link up and"
                + " its offset at " + master(ctx, r).ref() + "'s; look for the sync line in " + host.instancePath(r, LOGFILE)).toList();
    }

    private static Instance master(SetupContext ctx, Instance replica) {
        return ctx.topology().masterOf(replica).orElseThrow();
    }

    private String endpoint(SetupContext ctx, Instance replica) {
        return host.loopback() + ":" + ctx.topology().replicationTunnel(replica).map(Tunnel::accept).orElse(0);
    }

    @Override
    public Check detect(SetupContext ctx) {
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (Instance r : replicas()) {
            try {
                Optional<String> problem = problem(ctx, r);
                if (problem.isPresent()) bad.add(problem.get());
                else good.add(r.name() + ": link up, in sync" + logEvidence(ctx, r).map(l -> ", log: " + l).orElse(""));
            } catch (RepconException e) {
                return offline(ctx, e.getMessage());
            }
        }
        return bad.isEmpty() ? Check.done(String.join("; ", good)) : Check.of(State.MISSING, String.join("; ", bad), commands(ctx));
    }

    /** Why the replica is not in sync now, from one INFO of its master and then one of its own; empty when it is. */
    private Optional<String> problem(SetupContext ctx, Instance r) {
        Instance m = master(ctx, r);
        InstanceSample ms = ctx.actions().probe(m);
        if (ms.status() == InstanceSample.Status.UNREACHABLE) throw RepconException.failed(ms.summary());
        if (!ms.ok()) return Optional.of(m.ref() + " does not answer (" + ms.summary() + ")");
        InstanceSample rs = ctx.actions().probe(r);
        // The master's offset may have moved (its PING to replicas) just before the replica was asked: ask it again.
        for (int i = 0; i < CATCH_UP_TRIES && rs.ok() && rs.info().orElseThrow().bytesBehind(ms.info().orElseThrow())
                .orElse(0) > 0; i++) {
            ServiceControl.sleep(ctx.actions().limits().poll().toMillis());
            rs = ctx.actions().probe(r);
        }
        if (rs.status() == InstanceSample.Status.UNREACHABLE) throw RepconException.failed(rs.summary());
        if (!rs.ok()) return Optional.of(r.ref() + " does not answer (" + rs.summary() + ")");
        Info ri = rs.info().orElseThrow();
        Optional<MasterLink> link = ri.masterLink();
        String wanted = endpoint(ctx, r);
        if (link.isEmpty()) return Optional.of(r.ref() + " is no replica (role " + ri.role() + ")");
        if (!link.get().endpoint().equals(wanted)) return Optional.of(r.ref() + " follows " + link.get().endpoint() + ", not " + wanted);
        if (!link.get().up()) return Optional.of(r.ref() + ": link down" + (link.get().syncInProgress() ? ", sync in progress" : ""));
        OptionalLong behind = ri.bytesBehind(ms.info().orElseThrow());
        if (behind.isEmpty()) return Optional.of(r.ref() + ": not in " + m.ref() + "'s replication stream yet");
        if (behind.getAsLong() > 0) return Optional.of(r.ref() + ": " + behind.getAsLong() + " bytes behind " + m.ref());
        return Optional.empty();
    }

    /** The last sync line of the replica's log: the one that proves a sync succeeded. */
    private Optional<String> logEvidence(SetupContext ctx, Instance r) {
        List<String> lines = ctx.transport(host).tail(host.instancePath(r, LOGFILE), LOG_LINES);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<LogPatterns.Meaning> m = LogPatterns.meaning(lines.get(i));
            if (m.filter(x -> x == LogPatterns.Meaning.SYNC_SUCCESS || x == LogPatterns.Meaning.PSYNC_ACCEPTED).isPresent()) {
                String line = lines.get(i);
                int text = line.indexOf(m.get() == LogPatterns.Meaning.SYNC_SUCCESS ? "MASTER <-> REPLICA" : "Master accepted");
                return Optional.of(text >= 0 ? line.substring(text) : line);
            }
        }
        return Optional.empty();
    }

    @Override
    List<String> await(SetupContext ctx, Progress progress) {
        List<String> said = new ArrayList<>();
        for (Instance r : replicas()) {
            Tunnel tunnel = ctx.topology().replicationTunnel(r).orElseThrow();
            String how = new SyncWatch(ctx.actions(), r, master(ctx, r), host.loopback(), tunnel.accept()).await(() -> true, progress);
            Optional<String> line = logEvidence(ctx, r);
            long deadline = System.currentTimeMillis() + LOG_WAIT_MILLIS;
            while (line.isEmpty() && System.currentTimeMillis() < deadline) {
                ServiceControl.sleep(ctx.actions().limits().poll().toMillis());
                line = logEvidence(ctx, r);
            }
            String evidence = line.map(l -> "log: " + l).orElse("no sync line in the last " + LOG_LINES + " lines of "
                    + host.instancePath(r, LOGFILE) + " (rotated?)");
            said.add(r.ref() + ": " + how + "; " + evidence);
            progress.note(said.get(said.size() - 1));
        }
        return said;
    }
}
