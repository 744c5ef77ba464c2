package org.repcon.diagnosis;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis and Valkey log lines that explain replication, from the triage table of the domain notes. Used to
 * pick evidence for findings and to highlight lines in the log pane.
 */
public final class LogPatterns {

    /** What a known line means; {@code good} lines end a trouble spell (a later success clears an old error). */
    public enum Meaning {
        LOCAL_TUNNEL_REFUSED("Error condition on socket for SYNC: Connection refused", false),
        MASTER_NO_RESPONSE("{Master} did not respond to command during SYNC handshake", false),
        MASTER_CONNECT_TIMEOUT("Timeout connecting to the {MASTER}", false),
        LINK_SILENT("{MASTER} timeout: no data nor PING received", false),
        CONNECTION_LOST("Connection with {master} lost", false),
        AUTH_MISSING("NOAUTH Authentication required", false),
        AUTH_WRONG("Unable to AUTH to {MASTER}", false),
        FULL_RESYNC("Full resync from {master}", false),
        OUTPUT_BUFFER("closed (?:ASAP )?for overcoming of output buffer limits", false),
        NO_BACKLOG("for lack of backlog", false),
        BULK_TIMEOUT("Timeout receiving bulk data from {MASTER}", false),
        REPLICA_TIMEDOUT("Disconnecting timedout replica", false),
        RDB_VERSION("Can't handle RDB format version", false),
        TEMP_FILE("Opening the temp file needed for {MASTER} <-> REPLICA synchronization", false),
        BGSAVE_ERROR("Background saving error", false),
        SAVE_FAILED("Failed opening the temp RDB file|Write error saving DB on disk|Error moving temp DB file"
                + "|Error writing to the AOF file|Can't open the append-only file", false),
        SYNC_SUCCESS("{MASTER} <-> REPLICA sync: Finished with success", true),
        // Valkey's dual-channel sync writes "Primary accepted a Partial Resynchronization, RDB load in background."
        PSYNC_ACCEPTED("{Master} accepted a Partial Resynchronization", true),
        REPLICA_SYNCED("Synchronization with replica .* succeeded", true);

        private final Pattern pattern;
        private final boolean good;

        /**
         * @param fragment the line's telling part as Redis writes it, a regular expression; {@code {MASTER}},
         *                 {@code {Master}} and {@code {master}} also match Valkey's word for it, in the same case
         *                 (Valkey 8 logs "PRIMARY <-> REPLICA", "Connection with primary lost", "Primary accepted")
         */
        Meaning(String fragment, boolean good) {
            this.pattern = Pattern.compile(fragment.replace("{MASTER}", "(?:MASTER|PRIMARY)")
                    .replace("{Master}", "(?:Master|Primary)").replace("{master}", "(?:master|primary)"));
            this.good = good;
        }

        public boolean good() {
            return good;
        }
    }

    private LogPatterns() {}

    public static Optional<Meaning> meaning(String line) {
        for (Meaning m : Meaning.values()) {
            if (m.pattern.matcher(line).find()) return Optional.of(m);
        }
        return Optional.empty();
    }

    /**
     * The lines after the last good line that match one of {@code wanted}: errors that still stand.
     * Old errors followed by a success say nothing about now.
     */
    public static List<String> standing(List<String> lines, Meaning... wanted) {
        int start = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (meaning(lines.get(i)).map(Meaning::good).orElse(false)) {
                start = i + 1;
                break;
            }
        }
        List<Meaning> w = List.of(wanted);
        return lines.subList(start, lines.size()).stream().filter(l -> meaning(l).filter(w::contains).isPresent()).toList();
    }

    /** Redis's line prefix since 3.0: {@code PID:ROLE 01 Dec 2026 05:57:18.123 }, the time in the server's local zone. */
    private static final Pattern STAMP = Pattern.compile("^\\d+:[A-Z] (\\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

    /** When the line was written (epoch ms), read in {@code zone}; empty for a line without Redis's time stamp. */
    public static OptionalLong time(String line, ZoneId zone) {
        Matcher m = STAMP.matcher(line);
        if (!m.find()) return OptionalLong.empty();
        try {
            return OptionalLong.of(LocalDateTime.parse(m.group(1), STAMP_FORMAT).atZone(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The lines that match one of {@code wanted} and were stamped from {@code fromMs} to {@code toMs}: events of a recent
     * window whatever came after them (a partial resync refused for lack of backlog is followed by a full sync that
     * succeeds, which {@link #standing} would take for the end of the trouble).
     */
    public static List<String> stampedWithin(List<String> lines, long fromMs, long toMs, ZoneId zone, Meaning... wanted) {
        List<Meaning> w = List.of(wanted);
        return lines.stream().filter(l -> meaning(l).filter(w::contains).isPresent()).filter(l -> {
            OptionalLong t = time(l, zone);
            return t.isPresent() && t.getAsLong() >= fromMs && t.getAsLong() <= toMs;
        }).toList();
    }

    /** The last few of {@code lines}, for evidence: the newest matter most. */
    public static List<String> lastFew(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(lines.size() - n, lines.size());
    }
}
