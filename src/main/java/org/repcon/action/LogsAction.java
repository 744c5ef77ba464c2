package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
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

    private final Command.Logs command;
    private final ActionContext ctx;
    private final Host host;
    private final Optional<String> path;
    private int shown;

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

    @Override
    public boolean mutates() {
        return false;
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
        List<String> lines = ctx.transport(host).tail(path.get(), grep.isPresent() ? GREP_WINDOW : command.lines());
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
                + " (empty, missing or unreadable)" : shown + " line" + (shown == 1 ? "" : "s") + " of " + path.get()
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

    /** Where stunnel's lines go when it has no log file of its own. */
    private String systemLog() {
        Optional<String> unit = host.serviceCommand(Convention.STUNNEL_SERVICE, "", "status")
                .filter(c -> c.startsWith("systemctl ")).map(c -> c.substring(c.lastIndexOf(' ') + 1));
        return "stunnel on " + host.name() + " logs to the system log (its stunnel_log convention is empty): "
                + unit.map(u -> "journalctl -u " + u + " on " + host.name())
                .orElse("grep stunnel /var/log/messages on " + host.name());
    }
}
