package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * A finding's fix as a repcon command: its verb's word, then its words (targets, {@code to}, {@code from}, an option),
 * built by the rules through the factories below. The command language reads diagnosis, not the reverse, so the
 * front ends turn it into a command with the one parser ({@code CommandParser.parse(Suggestion)}), as a typed line;
 * {@link #text()} is how findings, {@code check} and {@code status} print it, and parses back to the same command.
 */
public record Suggestion(List<String> words) {

    public Suggestion {
        words = List.copyOf(words);
        if (words.isEmpty() || words.stream().anyMatch(w -> w.isEmpty() || w.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("a command's words, each non-empty without spaces: " + words);
        }
    }

    /** Start an instance or a host's stunnel ({@code HOST/tunnel/NAME}). */
    public static Suggestion start(String service) {
        return of("start", service);
    }

    public static Suggestion restart(String service) {
        return of("restart", service);
    }

    public static Suggestion logs(String service) {
        return of("logs", service);
    }

    public static Suggestion promote(String instance) {
        return of("promote", instance);
    }

    /** Reconnect a replica (a partial resync, usually); {@code full}: fetch its whole dataset anew. */
    public static Suggestion resync(String replica, boolean full) {
        return full ? of("resync", replica, "--full") : of("resync", replica);
    }

    public static Suggestion repoint(String replica, String master) {
        return of("repoint", replica, "to", master);
    }

    /** Bring a master's dataset back from one of its replicas. */
    public static Suggestion restore(String master, String replica) {
        return of("restore", master, "from", replica);
    }

    /** Change a directive repcon manages on an instance, at runtime and in its file ({@code masterauth}: no value). */
    public static Suggestion set(String instance, String directive, String... value) {
        List<String> words = new ArrayList<>(List.of(instance, directive));
        words.addAll(List.of(value));
        return of("set", words.toArray(String[]::new));
    }

    private static Suggestion of(String verb, String... rest) {
        List<String> words = new ArrayList<>(List.of(verb));
        words.addAll(List.of(rest));
        return new Suggestion(words);
    }

    public String verb() {
        return words.get(0);
    }

    /** As typed: the words with a space between them. */
    public String text() {
        return String.join(" ", words);
    }

    @Override
    public String toString() {
        return text();
    }
}
