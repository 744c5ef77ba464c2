package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.Role;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;

/**
 * Resynchronizes a replica with its master. Soft (default): {@code CLIENT KILL TYPE master}, after which
 * it reconnects and usually continues with a partial resync. Full: {@code REPLICAOF NO ONE} then
 * {@code REPLICAOF} its tunnel end again, so it has a new replication id, the master refuses a partial
 * resync and sends everything; verified by the master's {@code sync_full} growing.
 */
final class ResyncAction extends InstanceChange<Command.Resync> {

    private final Instance replica = instance;

    ResyncAction(Command.Resync command, ActionContext ctx) {
        super(command, command.replica(), ctx);
    }

    @Override
    public Checked check() {
        Optional<Instance> m = ctx.topology().masterOf(replica);
        if (m.isEmpty()) return Checked.refused(replica.ref() + " is a master in the topology: there is nothing to resync it from");
        Instance master = m.get();
        Tunnel tunnel = ctx.topology().replicationTunnel(replica).orElseThrow();
        InstanceSample mine = ctx.probe(replica);
        if (!mine.ok()) return Checked.refused(Redis.notAnswering(mine));
        Info info = mine.info().orElseThrow();
        if (info.role() != Role.REPLICA) {
            return Checked.refused(replica.ref() + " is a master right now, not a replica: re-point it instead (repoint "
                    + replica.ref() + " to " + master.ref() + ")");
        }
        MasterLink link = info.masterLink().orElseThrow();
        if (!link.host().equals(host.loopback()) || link.port().orElse(-1) != tunnel.accept()) {
            return Checked.refused(replica.ref() + " follows " + link.endpoint() + ", not its tunnel to " + master.ref() + " ("
                    + host.loopback() + ":" + tunnel.accept() + "): repoint " + replica.ref() + " to " + master.ref() + " first");
        }
        if (!command.full() && !link.up()) {
            return Checked.refused(replica.ref() + "'s link is down, so there is no master connection to kill: find out why"
                    + " (logs " + replica.ref() + "), or resync " + replica.ref() + " --full");
        }
        InstanceSample theirs = ctx.probe(master);
        if (!theirs.ok()) {
            return Checked.refused("cannot read " + master.ref() + " (" + theirs.summary() + "), so the resync could not be verified");
        }
        Info mi = theirs.info().orElseThrow();
        // A resync, soft or full, may end in a full sync: the replica then copies the master as it is.
        DatasetGuard.Verdict guard = DatasetGuard.check(ctx, master, DatasetGuard.Change.SYNC, DatasetGuard.replicas(ctx, master)
                .stream().filter(r -> r.replica().ref().equals(replica.ref())).toList());
        if (!guard.safe()) return Checked.refused(guard.refusal());
        long fullBefore = mi.longValue("sync_full").orElse(0);
        long partialBefore = mi.longValue("sync_partial_ok").orElse(0);
        List<String> facts = new ArrayList<>();
        if (command.full()) {
            facts.add(replica.ref() + " holds " + Dataset.of(ctx, replica).describe() + ", thrown away and fetched anew from "
                    + master.ref() + " (" + Dataset.of(ctx, master).describe() + ")");
        }
        facts.add(master.ref() + ": sync_full " + fullBefore + ", sync_partial_ok " + partialBefore);
        List<Step> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (command.full()) {
            steps.add(new Step.RedisCall(replica, List.of("REPLICAOF", "NO", "ONE")));
            steps.add(new Step.RedisCall(replica, List.of("REPLICAOF", host.loopback(), Integer.toString(tunnel.accept()))));
            warnings.add("between the two commands " + replica.ref() + " is a writable master for a moment; then its whole"
                    + " dataset is replaced by " + master.ref() + "'s");
        } else {
            steps.add(new Step.RedisCall(replica, List.of("CLIENT", "KILL", "TYPE", "master")));
        }
        return Checked.ready(Plan.change((command.full() ? "full resync of " : "resync of ") + replica.ref() + " from "
                + master.ref(), facts, steps, warnings, command.full() ? Confirmation.TYPE_NAME : Confirmation.YES_NO,
                progress -> verify(master, tunnel, fullBefore, partialBefore, progress)));
    }

    /** By the master's counters, against what they were when checked. */
    private String verify(Instance master, Tunnel tunnel, long fullBefore, long partialBefore, Progress progress) {
        long[] after = {fullBefore, partialBefore};
        String how = new SyncWatch(ctx, replica, master, host.loopback(), tunnel.accept()).await(() -> {
            Info mi = Redis.info(ctx, master);
            after[0] = mi.longValue("sync_full").orElse(0);
            after[1] = mi.longValue("sync_partial_ok").orElse(0);
            return command.full() ? after[0] > fullBefore : after[0] > fullBefore || after[1] > partialBefore;
        }, progress);
        String counters;
        if (after[0] > fullBefore) {
            counters = "full sync (sync_full on " + master.ref() + " " + fullBefore + " -> " + after[0] + ")"
                    + (command.full() ? "" : ": the master's backlog no longer held its offset");
        } else {
            counters = "partial resync (sync_partial_ok on " + master.ref() + " " + partialBefore + " -> " + after[1] + ")";
        }
        if (command.full() && after[0] - fullBefore > 1) {
            counters += "; other replicas synced meanwhile too";
        }
        return replica.ref() + " resynced from " + master.ref() + " by " + counters + ": " + how;
    }
}
