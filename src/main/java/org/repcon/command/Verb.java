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
            "The table of hosts, instances and tunnels, and the findings (of TARGET only, when given)."),
    START("start", List.of(), Scope.ACTION, true, false, List.of(new Param(SERVICE, false)), List.of(),
            "Start an instance, or a host's stunnel (all its tunnels), through the platform's service manager;"
                    + " wait until it answers."),
    STOP("stop", List.of(), Scope.ACTION, true, false, List.of(new Param(SERVICE, false)), List.of(),
            "Stop an instance, or a host's stunnel (all its tunnels); wait until it no longer answers."),
    RESTART("restart", List.of(), Scope.ACTION, true, false, List.of(new Param(SERVICE, false)), List.of(),
            "Restart an instance, or a host's stunnel (all its tunnels); wait until it answers again."),
    REPOINT("repoint", List.of(), Scope.ACTION, true, true,
            List.of(new Param(REPLICA, false), new Param(TO, false), new Param(MASTER, false)), List.of(Opt.FORCE),
            "Make an instance replicate from another master: REPLICAOF the local end of the tunnel to it, and the"
                    + " replicaof line of its file (nothing else in it). Refused when it would destroy a larger dataset,"
                    + " or the topology's master, unless --force and the name typed."),
    RESYNC("resync", List.of(), Scope.ACTION, true, true, List.of(new Param(REPLICA, false)), List.of(Opt.FULL),
            "Reconnect a replica to its master (CLIENT KILL TYPE master: a partial resync, usually); with --full,"
                    + " fetch its whole dataset anew."),
    PROMOTE("promote", List.of(), Scope.ACTION, true, true, List.of(new Param(REPLICA, false)), List.of(),
            "Make a replica a master (REPLICAOF NO ONE) and comment out the replicaof line of its file."),
    LOGS("logs", List.of(), Scope.ACTION, false, false, List.of(new Param(SERVICE, false)), List.of(Opt.LINES, Opt.GREP),
            "The last lines of an instance's or a host's stunnel log; known replication lines are marked."),
    EXPLAIN("explain", List.of(), Scope.ACTION, false, false, List.of(new Param(CODE, false)), List.of(),
            "What a finding's code means and what to do about it."),
    HELP("help", List.of("?"), Scope.FRONT_END, false, false, List.of(new Param(VERB, true)), List.of(),
            "The commands, or one command in detail."),
    THEME("theme", List.of(), Scope.FRONT_END, false, false, List.of(new Param(Slot.THEME, false)), List.of(),
            "Switch the console's colour theme."),
    REFRESH("refresh", List.of(), Scope.FRONT_END, false, false, List.of(new Param(SECONDS, false)), List.of(),
            "Probe every SECONDS (0.2 to 3600)."),
    QUIT("quit", List.of("q", "exit"), Scope.FRONT_END, false, false, List.of(), List.of(),
            "Leave.");

    /** Who carries a verb out: the action runner (through its one read-only check), or the console or shell itself. */
    public enum Scope { ACTION, FRONT_END }

    /** A positional word. */
    public record Param(Slot slot, boolean optional) {}

    private final String word;
    private final List<String> aliases;
    private final Scope scope;
    private final boolean mutates;
    private final boolean destructive;
    private final List<Param> params;
    private final List<Opt> options;
    private final String description;

    Verb(String word, List<String> aliases, Scope scope, boolean mutates, boolean destructive, List<Param> params,
         List<Opt> options, String description) {
        this.word = word;
        this.aliases = aliases;
        this.scope = scope;
        this.mutates = mutates;
        this.destructive = destructive;
        this.params = params;
        this.options = options;
        this.description = description;
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

    public String description() {
        return description;
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
