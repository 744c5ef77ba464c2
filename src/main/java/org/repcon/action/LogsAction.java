package org.repcon.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;

/**
 * The last lines of an instance's log or of a host's stunnel log, optionally only those matching a
 * regular expression (the last N that match). Known replication lines carry their meaning. It can carry on live
 * from there ({@link #follow}), with the same filter and marks, every line scrubbed of secrets like the last ones.
 */
public final class LogsAction implements Action {

    /** With --grep, how many lines are searched at most for the last N matches. */
    static final int GREP_WINDOW = 20_000;
    private static final String EMPTY_BECAUSE = "empty, missing or unreadable";
    /** Why a file gave no lines, asked on its host only when it gave none. */
    private static final String WHY_EMPTY = "if [ ! -e \"$1\" ]; then echo missing; elif [ ! -r \"$1\" ]; then echo unreadable;"
            + " else echo empty; fi";
    private static final Duration WHY_EMPTY_TIMEOUT = Duration.ofSeconds(10);

    private final Command.Logs command;
    private final ActionContext ctx;
    private final Host host;
    private final Optional<String> path;

    LogsAction(Command.Logs command, ActionContext ctx) {
        this.command = command;
        this.ctx = ctx;
        this.host = command.target().host();
        Target t = command.target();
        this.path = t instanceof Target.OfInstance i ? Optional.of(host.instancePath(i.instance(), Convention.LOGFILE))
                : host.path(Convention.STUNNEL_LOG, "");
    }

    @Override
    public Command command() {
        return command;
    }

    /** The log file, or empty when the platform sends stunnel's log to the system log. */
    public Optional<String> path() {
        return path;
    }

    /** For the console's follow after the last lines: the same command's action, outside the runner (it only reads). */
    public static LogsAction of(Command.Logs command, ActionContext ctx) {
        return new LogsAction(command, ctx);
    }

    @Override
    public Checked check() {
        try {
            ctx.transport(host);
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
        return Checked.ready(Plan.reading("logs " + subject(), this::read));
    }

    /** The last lines, and what they are in one line. */
    private Plan.Verified read() {
        if (path.isEmpty()) return new Plan.Verified("stunnel on " + host.name() + " logs to the system log", List.of(OutputLine.plain(systemLog())));
        Optional<Pattern> grep = command.grep();
        Transport transport = ctx.transport(host);
        List<String> lines = transport.tail(path.get(), grep.isPresent() ? GREP_WINDOW : command.lines());
        List<OutputLine> out = new ArrayList<>();
        for (String line : lines) {
            if (grep.isEmpty() || grep.get().matcher(line).find()) out.add(OutputLine.log(line));
        }
        if (out.size() > command.lines()) out = out.subList(out.size() - command.lines(), out.size());
        int shown = out.size();
        String said = shown == 0 ? "no " + (grep.isPresent() ? "matching " : "") + "lines in " + path.get()
                + " (" + (lines.isEmpty() ? whyEmpty(transport, path.get()) : EMPTY_BECAUSE) + ")"
                : shown + " line" + (shown == 1 ? "" : "s") + " of " + path.get() + grep.map(g -> " matching /" + g.pattern() + "/").orElse("");
        return new Plan.Verified(said, out);
    }

    /** Goes on with the lines appended from now on ({@code tail -F} on the host); close the handle to stop. */
    public AutoCloseable follow(Consumer<OutputLine> sink) {
        return follow(LogFollower.TAIL, sink);
    }

    /**
     * Goes on with the lines appended from now on, through {@code follower}: scrubbed of the topology's passwords (a
     * line may quote a requirepass, a masterauth or an AUTH), then filtered and marked like the last ones.
     */
    AutoCloseable follow(LogFollower follower, Consumer<OutputLine> sink) {
        String file = path.orElseThrow(() -> RepconException.invalid(systemLog()));
        Transport transport = ctx.transport(host);
        Redactor redactor = Redactor.of(ctx.topology());
        return follower.follow(transport, file, raw -> {
            String line = redactor.scrub(raw);
            if (command.grep().map(g -> g.matcher(line).find()).orElse(true)) sink.accept(OutputLine.log(line));
        });
    }

    /**
     * Why a tail gave nothing: the file is missing, unreadable or empty. A tail says nothing when the host cannot
     * be reached either (over ssh): that is a failure, not an empty log, and this is where it shows.
     */
    private String whyEmpty(Transport transport, String file) {
        ExecResult r = transport.exec(List.of("sh", "-c", WHY_EMPTY, "sh", file), WHY_EMPTY_TIMEOUT);
        if (r.connectionFailed()) {
            throw RepconException.failed("cannot read " + file + " on " + host.name() + ": " + r.stderr().strip());
        }
        String why = r.stdout().strip();
        return r.ok() && !why.isEmpty() ? why : EMPTY_BECAUSE;
    }

    /** Where stunnel's lines go when it has no log file of its own. */
    private String systemLog() {
        Optional<String> unit = host.serviceCommand(Convention.STUNNEL_SERVICE, "", "status")
                .filter(c -> c.startsWith("systemctl ")).map(c -> c.substring(c.lastIndexOf(' ') + 1));
        return "stunnel on " + host.name() + " logs to the system log (its stunnel_log convention is empty): "
                + unit.map(u -> "journalctl -u " + u + " on " + host.name())
                .orElse("grep stunnel /var/log/messages on " + host.name());
    }
}
