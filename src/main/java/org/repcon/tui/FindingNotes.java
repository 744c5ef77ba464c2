package org.repcon.tui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.repcon.action.Audit;
import org.repcon.action.AuditRecord;
import org.repcon.command.Command;
import org.repcon.tui.paint.FindingsPane;
import org.repcon.util.RepconException;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;

/**
 * What the console notes about findings beyond a refresh: when each was first seen, which are acknowledged (kept in the
 * state directory, every change written to the audit log first), and copying one, or the screen, out as text.
 */
final class FindingNotes {

    private final FirstSeen firstSeen = new FirstSeen();
    /** Null until {@link #keep}: nothing can be acknowledged or copied. */
    private Acknowledgements acks;
    private Audit audit;
    private Clipboard clipboard;
    private Supplier<String> screenText = () -> "";

    /**
     * Where what outlives the console is kept (acknowledgements, the audit log, copied text) and how it reaches the
     * terminal's clipboard and the screen's text.
     */
    void keep(Path stateDir, Clipboard clipboard, Supplier<String> screenText) {
        this.acks = new Acknowledgements(stateDir.resolve("acknowledged"));
        this.audit = new Audit(stateDir.resolve("audit.log"));
        this.clipboard = clipboard;
        this.screenText = screenText;
    }

    void seen(ConsoleView view) {
        firstSeen.update(view);
    }

    boolean acknowledged(FindingRow f, long now) {
        return acks != null && acks.of(f, now).isPresent();
    }

    /** Acknowledges it (empty: until it changes); the line that says so. Recorded first: an ack nobody can trace is not made. */
    String acknowledge(FindingRow f, Optional<Duration> lasts, long now, boolean readOnly) {
        if (acks == null) throw RepconException.invalid("this console keeps no acknowledgements");
        String said = "acknowledged " + f.code() + " " + f.target() + " "
                + lasts.map(d -> "until " + when(now + d.toMillis(), now)).orElse("until it changes");
        record(new Command.Ack(lasts).text(), f, said, readOnly);
        acks.add(f, lasts, now);
        return said;
    }

    String unacknowledge(FindingRow f, long now, boolean readOnly) {
        String said = "no longer acknowledged: " + f.code() + " " + f.target();
        record("unack", f, said, readOnly);
        acks.remove(f, now);
        return said;
    }

    private void record(String command, FindingRow f, String message, boolean readOnly) {
        String host = f.target().contains("/") ? f.target().substring(0, f.target().indexOf('/')) : f.target();
        audit.append(AuditRecord.now(host, f.target(), command.split(" ")[0], command + " (" + f.code() + " " + f.target() + ")",
                readOnly, List.of(), List.of(), List.of(), "done", message, 0));
    }

    /** Copies the finding as text for a ticket; the line that says where it went. */
    String copy(FindingRow f, String topologyName) {
        StringBuilder b = new StringBuilder();
        b.append(FindingsPane.severity(f.severity())).append(' ').append(f.code()).append(' ').append(f.target()).append('\n');
        long since = firstSeen.of(f);
        if (since > 0) b.append("first seen: ").append(Instant.ofEpochMilli(since).atZone(ZoneId.systemDefault())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        b.append(f.summary()).append('\n');
        for (String e : f.evidence()) b.append("  ").append(e).append('\n');
        if (!f.suggestion().isEmpty()) b.append("fix: ").append(f.suggestion()).append('\n');
        if (!f.command().isEmpty()) b.append("cmd: ").append(f.command()).append('\n');
        b.append("(").append(topologyName).append(", repcon console)\n");
        return copy("the finding", b.toString());
    }

    /** Copies the screen as it shows now. */
    String copyScreen() {
        return copy("the screen", screenText.get());
    }

    private String copy(String what, String text) {
        if (clipboard == null) throw RepconException.invalid("this console cannot copy");
        return clipboard.copy(what, text);
    }

    /** Each finding's first-seen time and acknowledgement, for the findings pane. */
    List<FindingsPane.Mark> marks(List<FindingRow> findings, long now) {
        List<FindingsPane.Mark> marks = new ArrayList<>();
        for (FindingRow f : findings) {
            long since = firstSeen.of(f);
            String ack = acks == null ? "" : acks.of(f, now)
                    .map(a -> a.timed() ? "ack until " + when(a.until(), now) : "ack until it changes").orElse("");
            marks.add(new FindingsPane.Mark(since > 0 ? "since " + when(since, now) : "", ack));
        }
        return marks;
    }

    /** A time as the operator reads it: "03:12:05" today, "Dec 2 03:12" another day. */
    static String when(long millis, long now) {
        ZoneId zone = ZoneId.systemDefault();
        var at = Instant.ofEpochMilli(millis).atZone(zone);
        boolean today = at.toLocalDate().equals(Instant.ofEpochMilli(now).atZone(zone).toLocalDate());
        return at.format(DateTimeFormatter.ofPattern(today ? "HH:mm:ss" : "MMM d HH:mm", Locale.ROOT));
    }
}
