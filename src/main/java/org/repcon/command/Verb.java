package org.repcon.command;

import static org.repcon.command.Slot.*;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command language's verbs, as data: what each takes, what it does, and whether it changes the
 * deployment ({@link #mutates}) or may destroy data ({@link #destructive}). Help, completion, the
 * parser and the read-only check all read this table; nothing else lists the verbs.
 */
public enum Verb {
    STATUS("status", List.of(), Scope.FRONT_END, false, false, List.of(new Param(ANY_TARGET, true)), List.of(),
            "The hosts, instances, tunnels and findings.", "With TARGET, only that host, instance or tunnel."),
    START("start", List.of(), Scope.ACTION, true, true, List.of(new Param(SERVICE, false)), List.of(Opt.FORCE),
            "Start an instance, or a host's stunnel.", "Through the platform's service manager (in the lab, repcon runs"
                    + " the daemon itself); then waits until it answers. A host's stunnel serves all its tunnels. A master"
                    + " whose files would bring it back empty or behind its replicas is refused (they would copy it):"
                    + " restore it instead, or --force (its name typed)."),
    STOP("stop", List.of(), Scope.ACTION, true, false, List.of(new Param(SERVICE, false)), List.of(),
            "Stop an instance, or a host's stunnel.", "Then waits until it no longer answers. A host's stunnel serves all"
                    + " its tunnels: they all stop."),
    RESTART("restart", List.of(), Scope.ACTION, true, true, List.of(new Param(SERVICE, false)), List.of(Opt.FORCE),
            "Restart an instance, or a host's stunnel.", "Then waits until it answers again. A master that would come back"
                    + " empty or behind its replicas (no persistence, or already behind) is refused: --force (its name"
                    + " typed) to do it anyway."),
    REPOINT("repoint", List.of(), Scope.ACTION, true, true,
            List.of(new Param(REPLICA, false), new Param(TO, false), new Param(MASTER, false)), List.of(Opt.FORCE),
            "Make an instance replicate from another master.", "REPLICAOF the local end of the tunnel to it, and the"
                    + " same in the replicaof line of its file (nothing else in it); then waits until the link is up and"
                    + " the offsets meet. Refused when the instance has replicas connected; refused unless --force (and"
                    + " its name typed) when it holds more data than the new master or is the topology's master."),
    RESYNC("resync", List.of(), Scope.ACTION, true, true, List.of(new Param(REPLICA, false)), List.of(Opt.FULL),
            "Resynchronize a replica with its master.", "CLIENT KILL TYPE master: it reconnects, usually with a"
                    + " partial resync. With --full, REPLICAOF NO ONE then REPLICAOF again: its whole dataset is fetched"
                    + " anew, verified by the master's sync_full."),
    RESTORE("restore", List.of(), Scope.ACTION, true, true,
            List.of(new Param(PRIMARY, false), new Param(FROM, true), new Param(SOURCE, true)), List.of(Opt.FORCE),
            "Bring a master's dataset back from one of its replicas.", "A fresh snapshot on the replica (BGSAVE), its RDB"
                    + " copied over the master's (atomically, the old file kept as a backup, sha256 compared), the master"
                    + " stopped first and started after; then its keys are checked against the replica's and the replicas"
                    + " watched as they reconnect, their keys unchanged. Without 'from REPLICA' the replica is chosen as"
                    + " Sentinel would: link up, highest offset, freshest. Refused with appendonly yes (the AOF would win)"
                    + " and, unless --force, when the master holds more keys than the replica."),
    PROMOTE("promote", List.of(), Scope.ACTION, true, true, List.of(new Param(REPLICA, false)), List.of(),
            "Make a replica a master.", "REPLICAOF NO ONE, and the replicaof line of its file commented out."),
    SET("set", List.of(), Scope.ACTION, true, false,
            List.of(new Param(INSTANCE, false), new Param(PARAMETER, false), new Param(VALUE, true)), List.of(),
            "Change a directive repcon manages, at runtime and in the instance's file.", "CONFIG SET, and the same"
                    + " directive in the instance's file (the old file kept as a backup, the change shown as a diff first);"
                    + " verified by CONFIG GET and the file read back. PARAMETER: replica-read-only yes|no, repl-backlog-size"
                    + " SIZE, client-output-buffer-limit HARD SOFT SECONDS (the replica class), maxmemory SIZE,"
                    + " min-replicas-to-write N, masterauth (no value: the password its master has in the topology)."),
    LOGS("logs", List.of(), Scope.ACTION, false, false, List.of(new Param(SERVICE, false)), List.of(Opt.LINES, Opt.GREP),
            "The last lines of an instance's or a host's stunnel log.", "Known replication lines are marked. With --grep,"
                    + " the last N lines that match."),
    EXPLAIN("explain", List.of(), Scope.ACTION, false, false, List.of(new Param(CODE, false)), List.of(),
            "What a finding's code means and what to do.", ""),
    HELP("help", List.of("?"), Scope.FRONT_END, false, false, List.of(new Param(VERB, true)), List.of(),
            "The commands, or one command in detail.", ""),
    THEME("theme", List.of(), Scope.CONSOLE, false, false, List.of(new Param(Slot.THEME, true)), List.of(),
            "Switch the console's colour theme.", "Without NAME, the theme in use and the themes there are."),
    REFRESH("refresh", List.of(), Scope.CONSOLE, false, false, List.of(new Param(SECONDS, false)), List.of(),
            "Probe every SECONDS (" + Command.Refresh.RANGE + ").", ""),
    FILTER("filter", List.of(), Scope.CONSOLE, false, false, List.of(new Param(TEXT, true)), List.of(),
            "Show only the rows and findings matching every word of TEXT.", "Without TEXT, everything again (as '/' then"
                    + " Esc)."),
    SORT("sort", List.of(), Scope.CONSOLE, false, false, List.of(new Param(ORDER, false)), List.of(),
            "Order the hosts: the worst first (health, the default) or by name.", "The rows of a host keep their order."),
    ACK("ack", List.of(), Scope.CONSOLE, false, false, List.of(new Param(Slot.DURATION, true)), List.of(),
            "Acknowledge the selected finding: shown dimmed until it changes, or for DURATION (30m, 8h, 2d).",
            "Until it changes: its severity, summary or evidence (numbers aside) differ. Kept in"
                    + " $XDG_STATE_HOME/repcon/acknowledged and written to the audit log; 'a' on an acknowledged"
                    + " finding takes it back."),
    SETUP("setup", List.of(), Scope.CONSOLE, false, false, List.of(new Param(HOST, true)), List.of(),
            "Open the guided setup on a host.", "Without HOST, the first in setup's order (masters first); the setup view"
                    + " previews and asks before it changes anything."),
    QUIT("quit", List.of("q", "exit"), Scope.FRONT_END, false, false, List.of(), List.of(), "Leave.", "");

    /**
     * Who carries a verb out: the action runner (through its one read-only check), the console or the shell itself
     * ({@code FRONT_END}), or only the full-screen console ({@code CONSOLE}: its theme, filter, setup view).
     */
    public enum Scope { ACTION, FRONT_END, CONSOLE }

    /** A positional word. */
    public record Param(Slot slot, boolean optional) {}

    private final String word;
    private final List<String> aliases;
    private final Scope scope;
    private final boolean mutates;
    private final boolean destructive;
    private final List<Param> params;
    private final List<Opt> options;
    private final String summary;
    private final String details;

    Verb(String word, List<String> aliases, Scope scope, boolean mutates, boolean destructive, List<Param> params,
         List<Opt> options, String summary, String details) {
        this.word = word;
        this.aliases = aliases;
        this.scope = scope;
        this.mutates = mutates;
        this.destructive = destructive;
        this.params = params;
        this.options = options;
        this.summary = summary;
        this.details = details;
    }

    public String word() {
        return word;
    }

    public List<String> aliases() {
        return aliases;
    }

    public Scope scope() {
        return scope;
    }

    /** Changes the deployment: refused in read-only mode, confirmed, audited. */
    public boolean mutates() {
        return mutates;
    }

    /** May destroy data (with an option, or always): such a run needs the instance name typed to confirm. */
    public boolean destructive() {
        return destructive;
    }

    public List<Param> params() {
        return params;
    }

    public List<Opt> options() {
        return options;
    }

    /** One short sentence, for the help overview and hint lines. */
    public String summary() {
        return summary;
    }

    /** What else there is to know, for {@code help VERB}; may be empty. */
    public String details() {
        return details;
    }

    /** Only the full-screen console has it; {@code repcon shell} refuses it in one line. */
    public boolean consoleOnly() {
        return scope == Scope.CONSOLE;
    }

    /** {@code repoint HOST/INSTANCE to HOST/INSTANCE [--force]}. */
    public String usage() {
        StringBuilder s = new StringBuilder(word);
        for (Param p : params) s.append(' ').append(p.optional() ? "[" + p.slot().label() + "]" : p.slot().label());
        for (Opt o : options) s.append(" [").append(o.usage()).append(']');
        return s.toString();
    }

    /** The verb a typed word names, aliases included. */
    public static Optional<Verb> of(String typed) {
        return Arrays.stream(values()).filter(v -> v.word.equals(typed) || v.aliases.contains(typed)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(Verb::word).toList();
    }
}
