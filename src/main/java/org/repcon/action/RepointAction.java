package org.repcon.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;
import org.repcon.config.ReplicaofLine;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.Role;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;

/**
 * Makes an instance replicate from another master: {@code REPLICAOF} the local end of the client tunnel
 * that leads to it, at runtime, and the same in the {@code replicaof} line of its file, the only line
 * edited. Refused when the instance has replicas of its own; refused unless forced (and the name typed)
 * when it holds data the new master's full sync would destroy, or when it is the topology's master.
 */
final class RepointAction extends InstanceChange<Command.Repoint> {

    private final Instance replica = instance;
    private final Instance master;

    RepointAction(Command.Repoint command, ActionContext ctx) {
        super(command, command.replica(), ctx);
        this.master = command.master().instance();
    }

    @Override
    public Checked check() {
        Topology t = ctx.topology();
        InstanceSample mine = ctx.probe(replica);
        if (!mine.ok()) {
            return Checked.refused(Redis.notAnswering(mine) + (mine.status() == InstanceSample.Status.REFUSED ? ": start it first" : ""));
        }
        Info mi = mine.info().orElseThrow();
        int followers = mi.replicas().size();
        if (followers > 0) {
            // Not even --force: its replicas would chain behind it and lose their data too.
            return Checked.refused(replica.ref() + " has " + followers + " replica" + (followers == 1 ? "" : "s") + " connected:"
                    + " re-pointing it would make them replicate through it and replace their data too; re-point or"
                    + " promote them first");
        }
        Optional<Tunnel> way = host.tunnels().stream().filter(Tunnel::isClient)
                .filter(x -> t.destinationOf(x).map(Instance::ref).equals(Optional.of(master.ref())))
                .min(Comparator.comparing((Tunnel x) -> !x.name().equals(replica.tunnelName())));
        if (way.isEmpty()) {
            String server = t.hostOf(master).tunnels().stream().filter(x -> x.to().filter(master.name()::equals).isPresent())
                    .map(x -> x.ref().toString()).findFirst().orElse(master.host() + "/TUNNEL");
            return Checked.refused("host " + host.name() + " has no client tunnel to " + master.ref() + ": add one to the topology"
                    + " (tunnels: { NAME: { accept: PORT, client: " + server + " } }) and set it up first");
        }
        Tunnel tunnel = way.get();
        InstanceSample theirs = ctx.probe(master);
        if (!theirs.ok()) return Checked.refused(Redis.notAnswering(theirs));
        Info ti = theirs.info().orElseThrow();
        if (ti.role() != Role.MASTER) {
            return Checked.refused(master.ref() + " is a replica right now (of " + ti.masterLink().map(MasterLink::endpoint).orElse("?")
                    + "): re-point to a master");
        }
        Optional<MasterLink> link = mi.masterLink();
        boolean runtimeNeeded = link.map(l -> !(l.host().equals(host.loopback()) && l.port().orElse(-1) == tunnel.accept()))
                .orElse(true);
        List<String> facts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // What it would destroy comes before what would not work: the graver reason first.
        Dataset have = Dataset.of(ctx, replica);
        Dataset gets = Dataset.of(ctx, master);
        facts.add(replica.ref() + " holds " + have.describe() + "; " + master.ref() + " holds " + gets.describe());
        Optional<String> danger = runtimeNeeded ? danger(mi, ti, have, gets) : Optional.empty();
        if (danger.isPresent()) {
            if (!command.force()) return Checked.refused(danger.get() + "; add --force (and type " + replica.ref() + ") to do it anyway");
            warnings.add(danger.get());
        }
        Optional<Instance> current = t.masterOf(replica);
        if (master.password().isPresent() && !master.password().equals(current.flatMap(Instance::password))) {
            return Checked.refused(master.ref() + " wants another password than " + current.map(c -> c.ref().toString())
                    .orElse(replica.ref() + "'s file gives") + ": set masterauth for it first (a re-point edits only the"
                    + " replicaof line)");
        }
        InstanceFile file;
        try {
            file = InstanceFile.toPersist(ctx, replica, "the re-point");
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
        String newContent = ReplicaofLine.set(file.content(), host.loopback(), tunnel.accept());
        if (!runtimeNeeded && newContent.equals(file.content())) {
            return Checked.refused(replica.ref() + " already replicates from " + master.ref() + " through " + tunnel.ref().host()
                    + "/tunnel/" + tunnel.name() + ", and its file says so: nothing to do");
        }
        List<Step> steps = new ArrayList<>();
        if (runtimeNeeded) steps.add(new Step.RedisCall(replica, List.of("REPLICAOF", host.loopback(), Integer.toString(tunnel.accept()))));
        if (!newContent.equals(file.content())) steps.add(file.write(newContent));
        facts.add("through " + host.name() + "/tunnel/" + tunnel.name() + " (" + host.loopback() + ":" + tunnel.accept() + " -> "
                + master.ref() + ")");
        if (!replica.replicaof().equals(Optional.of(master.ref()))) {
            warnings.add("the topology says " + replica.ref() + (replica.replicaof().map(r -> " replicates from " + r)
                    .orElse(" is a master")) + ": set 'replicaof: " + master.ref() + "' there, or the console will report it");
        }
        return Checked.ready(Plan.change("repoint " + replica.ref() + " to " + master.ref(), facts, steps, warnings,
                danger.isPresent() ? Confirmation.TYPE_NAME : Confirmation.YES_NO, progress -> verify(tunnel, progress)));
    }

    /**
     * The dataset guard, for a replica that is not following the new master yet: what the new master's full sync would
     * destroy; empty when nothing.
     */
    private Optional<String> danger(Info mine, Info theirs, Dataset have, Dataset gets) {
        // The same replication id: its data is a copy of the new master's; nothing is lost.
        if (mine.replid().isPresent() && mine.replid().equals(theirs.replid())) return Optional.empty();
        if (!replica.isReplica()) {
            return Optional.of(replica.ref() + " is the topology's master: its data (" + have.describe() + ") would be replaced by "
                    + master.ref() + "'s");
        }
        if (have.exceeds(gets)) {
            return Optional.of(replica.ref() + " holds more data than " + master.ref() + " (" + have.describe() + " against "
                    + gets.describe() + "): the full sync from " + master.ref() + " would destroy it");
        }
        return Optional.empty();
    }

    private String verify(Tunnel tunnel, Progress progress) {
        String how = new SyncWatch(ctx, replica, master, host.loopback(), tunnel.accept()).await(() -> true, progress);
        return replica.ref() + " replicates from " + master.ref() + " through " + host.loopback() + ":" + tunnel.accept()
                + ": " + how;
    }
}
