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
 * regular expression (the last N that match). Known replication lines carry their meaning. A
 * {@link LogFollower} can carry on live from there, with the same filter and marks.
 */
public final class LogsAction implements Action {

    /** With --grep, how many lines are searched at most for the last N matches. */
    static final int GREP_WINDOW = 20_000;
    /** Why a file gave no lines, asked on its host only when it gave none. */
    private static final String WHY_EMPTY = "if [ ! -e \"$1\" ]; then echo missing; elif [ ! -r \"$1\" ]; then echo unreadable;"
            + " else echo empty; fi";
    private static final Duration WHY_EMPTY_TIMEOUT = Duration.ofSeconds(10);

    private final Command.Logs command;
    private final ActionContext ctx;
    private final Host host;
    private final Optional<String> path;
    private int shown;
    private String emptyBecause = "empty, missing or unreadable";

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

    @Override
    public String subject() {
        return command.target().key();
    }

    @Override
    public String host() {
        return host.name();
    }

    /** The log file, or empty when the platform sends stunnel's log to the system log. */
    public Optional<String> path() {
        return path;
    }

    @Override
    public Optional<String> check() {
        try {
            ctx.transport(host);
            return Optional.empty();
        } catch (RepconException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Plan plan() {
        return Plan.none("logs " + subject());
    }

    @Override
    public List<OutputLine> output() {
        if (path.isEmpty()) return List.of(OutputLine.plain(systemLog()));
        Optional<Pattern> grep = command.grep();
        Transport transport = ctx.transport(host);
        List<String> lines = transport.tail(path.get(), grep.isPresent() ? GREP_WINDOW : command.lines());
        if (lines.isEmpty()) emptyBecause = whyEmpty(transport, path.get());
        List<OutputLine> out = new ArrayList<>();
        for (String line : lines) {
            if (grep.isEmpty() || grep.get().matcher(line).find()) out.add(OutputLine.log(line));
        }
        if (out.size() > command.lines()) out = out.subList(out.size() - command.lines(), out.size());
        shown = out.size();
        return out;
    }

    @Override
    public String verify(Progress progress) {
        if (path.isEmpty()) return "stunnel on " + host.name() + " logs to the system log";
        return shown == 0 ? "no " + (command.grep().isPresent() ? "matching " : "") + "lines in " + path.get()
                + " (" + emptyBecause + ")" : shown + " line" + (shown == 1 ? "" : "s") + " of " + path.get()
                + command.grep().map(g -> " matching /" + g.pattern() + "/").orElse("");
    }

    /**
     * Goes on with the lines appended from now on, filtered and marked like the last ones, through
     * {@code follower}; close the handle to stop.
     */
    public AutoCloseable follow(LogFollower follower, Consumer<OutputLine> sink) {
        String file = path.orElseThrow(() -> RepconException.invalid(systemLog()));
        Transport transport = ctx.transport(host);
        return follower.follow(transport, file, line -> {
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
        return r.ok() && !why.isEmpty() ? why : emptyBecause;
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
