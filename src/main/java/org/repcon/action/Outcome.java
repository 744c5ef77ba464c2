package org.repcon.action;

/** How an action ended, as the audit records it and the shell's exit code says it. */
public enum Outcome {
    /** It ran and its effect was verified (or, for a reading action, it read). */
    DONE,
    /** It ran (or began to) and failed, or its effect could not be verified. */
    FAILED,
    /** Nobody confirmed it: answered no, typed another name, or gave up. Nothing ran. */
    DECLINED,
    /** Not attempted: read-only mode, a failed precondition, or no way to confirm. Nothing ran. */
    REFUSED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
