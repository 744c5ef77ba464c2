package org.repcon.setup;

/** A step and what was detected of it on its host. */
public record PlannedStep(SetupStep step, Check check) {

    public String host() {
        return step.host().name();
    }

    /** Applying it would change something (or verify what is not verified yet). */
    public boolean pending() {
        return !check.done();
    }
}
