package org.repcon.action;

/** Live news from an action while it runs: what it does now, and a running sync's progress. */
public interface Progress {

    Progress NONE = line -> { };

    /** One line: "waiting for replica1/bayes to answer". */
    void note(String line);

    /** A full sync's progress; by default said as a line. */
    default void sync(SyncProgress progress) {
        note(progress.describe());
    }
}
