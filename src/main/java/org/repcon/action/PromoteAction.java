package org.repcon.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.repcon.command.Command;
import org.repcon.config.ReplicaofLine;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.Role;
import org.repcon.util.RepconException;

/**
 * Makes a replica a master: {@code REPLICAOF NO ONE} at runtime, and its file's replicaof line commented
 * out so that a restart keeps it so. Its data stays, but stops following the master and accepts
 * writes: always confirmed by typing its name.
 */
final class PromoteAction extends InstanceChange<Command.Promote> {

    PromoteAction(Command.Promote command, ActionContext ctx) {
        super(command, command.instance(), ctx);
    }

    @Override
    public Checked check() {
        InstanceSample s = ctx.probe(instance);
        if (!s.ok()) return Checked.refused(Redis.notAnswering(s));
        Info info = s.info().orElseThrow();
        if (info.role() != Role.REPLICA) return Checked.refused(instance.ref() + " is a master already: nothing to promote");
        InstanceFile file;
        try {
            file = InstanceFile.toPersist(ctx, instance, "the promotion");
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
        String newContent = ReplicaofLine.comment(file.content(), "commented out by repcon promote on " + LocalDate.now());
        MasterLink link = info.masterLink().orElseThrow();
        List<String> facts = List.of(instance.ref() + " holds " + Dataset.of(ctx, instance).describe() + "; it follows "
                + link.endpoint() + " (link " + (link.up() ? "up" : "down") + ")");
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.RedisCall(instance, List.of("REPLICAOF", "NO", "ONE")));
        List<String> warnings = new ArrayList<>();
        if (!newContent.equals(file.content())) {
            steps.add(file.write(newContent));
        } else {
            warnings.add(file.describe() + " has no replicaof line: nothing to persist");
        }
        warnings.add(instance.ref() + " stops following its master and accepts writes; writes to it never reach the other hosts");
        instance.replicaof().ifPresent(m -> warnings.add("the topology says " + instance.ref() + " replicates from " + m
                + ": remove its replicaof there, or the console will report a role mismatch"));
        // Promote keeps the data: what the name typed answers for is the split, which a later repoint undoes only by
        // discarding what was written meanwhile.
        return Checked.ready(Plan.change("promote " + instance.ref() + " to master", facts, steps, warnings,
                Confirmation.TYPE_NAME, this::verify).stakes("this parts " + instance.ref() + " from its master for good"
                + " (its data stays)"));
    }

    private String verify(Progress progress) {
        long deadline = System.nanoTime() + ctx.limits().serviceWait().toNanos();
        while (Redis.info(ctx, instance).role() != Role.MASTER) {
            if (System.nanoTime() > deadline) throw RepconException.failed(instance.ref() + " is still a replica");
            ServiceControl.sleep(ctx.limits().poll().toMillis());
        }
        return instance.ref() + " is a master now, its data kept (" + Dataset.of(ctx, instance).describe() + ")";
    }
}
