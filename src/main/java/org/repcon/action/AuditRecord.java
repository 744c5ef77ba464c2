package org.repcon.action;

import java.util.List;

/**
 * One line of the audit log: who asked what of which host, what ran, which files changed (and where
 * their backups are), and how it ended. No secret ever appears in it.
 *
 * @param time ISO-8601 with offset
 * @param user the operating-system user repcon runs as
 * @param from the machine repcon runs on
 * @param planned the commands the preview showed (also for a declined or refused action, when known)
 * @param ran the commands that were executed, in order
 */
public record AuditRecord(String time, String user, String from, String host, String target, String verb, String command,
                          boolean readOnly, List<String> planned, List<String> ran, List<FileChange> files,
                          String outcome, String message, long durationMs) {

    /** A file written, and the backup of what it replaced (null when it was new). */
    public record FileChange(String path, String backup) {}
}
