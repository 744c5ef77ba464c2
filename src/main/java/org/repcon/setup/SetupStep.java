package org.repcon.setup;

import org.repcon.action.Progress;
import org.repcon.action.StepRunner;
import org.repcon.topology.Host;

/**
 * One step of the tutorial on one host: how it is detected there and how it is applied. Detection only reads;
 * applying runs through a {@link StepRunner} (the actions' executor), so what ran and which files were written
 * (with their backups) reach the audit.
 */
public interface SetupStep {

    Host host();

    StepKind kind();

    /** What it does, as one line: "write /usr/local/etc/redis-bayes.conf", "start master/bayes". */
    String title();

    /** What it acts on, as the audit names it: a path, {@code master/bayes}, {@code replica1/tunnel}. */
    String target();

    /** Its state on the host now; never throws for what the host says: an unknown with the reason instead. */
    Check detect(SetupContext ctx);

    /** What it would do, without asking the host (unreachable: {@code reason}); unknown, with its commands and content. */
    Check offline(SetupContext ctx, String reason);

    /**
     * Applies it, {@code current} being its state just detected (not done). Returns one line saying what it did;
     * a RepconException says in one line why it could not.
     */
    String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress);
}
