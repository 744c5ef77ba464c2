package org.repcon.action;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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

    /** A record made now, by this user on this machine. */
    public static AuditRecord now(String host, String target, String verb, String command, boolean readOnly, List<String> planned,
                                  List<String> ran, List<FileChange> files, String outcome, String message, long durationMs) {
        return new AuditRecord(OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                System.getProperty("user.name", "?"), Local.NAME, host, target, verb, command, readOnly, planned, ran, files,
                outcome, message, durationMs);
    }

    /** The name of the machine repcon runs on, as records and host locks give it. */
    public static String machine() {
        return Local.NAME;
    }

    /** This machine's name, once. */
    private static final class Local {
        static final String NAME = name();

        private static String name() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "?";
            }
        }
    }
}
