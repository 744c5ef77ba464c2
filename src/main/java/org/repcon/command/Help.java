package org.repcon.command;

import java.util.ArrayList;
import java.util.List;

/** Help text generated from the verb table, so it cannot drift from what the parser accepts. */
public final class Help {

    /** What {@code repcon shell} says when given a console-only verb, and help says of one. */
    public static final String CONSOLE_ONLY = "only in the full-screen console (repcon console)";

    private Help() {}

    /** One line per verb: usage and what it does. */
    public static List<String> overview() {
        int width = 0;
        for (Verb v : Verb.values()) width = Math.max(width, v.usage().length());
        List<String> out = new ArrayList<>();
        for (Verb v : Verb.values()) {
            out.add(String.format("%-" + width + "s  %s%s", v.usage(), v.summary(), v.mutates() ? " *" : v.consoleOnly() ? " +" : ""));
        }
        out.add("* changes the deployment: previewed, confirmed, refused with --read-only, written to the audit log.");
        out.add("+ runs " + CONSOLE_ONLY + ".");
        out.add("TARGET: HOST, HOST/INSTANCE or HOST/tunnel/NAME (a host's stunnel serves all its tunnels). 'help VERB' for more.");
        return out;
    }

    /** The verb's usage, description, options and how it is confirmed. */
    public static List<String> of(Verb verb) {
        List<String> out = new ArrayList<>();
        out.add("usage: " + verb.usage() + (verb.aliases().isEmpty() ? "" : "  (also: " + String.join(", ", verb.aliases()) + ")"));
        out.add((verb.summary() + " " + verb.details()).strip());
        if (verb.consoleOnly()) out.add("Runs " + CONSOLE_ONLY + ".");
        for (Opt o : verb.options()) out.add("  " + String.join(", ", o.names()) + o.valueLabel().map(l -> " " + l).orElse("")
                + "  " + o.description());
        if (verb.mutates()) {
            out.add("Changes the deployment: shows the exact commands and file diffs first, then asks y/n (Enter alone is no"
                    + " answer); refused in --read-only mode; written to the audit log.");
        }
        if (verb.destructive()) {
            out.add("When it would destroy data (" + destroysWhen(verb) + "), the instance's name (HOST/INSTANCE) must be"
                    + " typed instead.");
        }
        return out;
    }

    private static String destroysWhen(Verb verb) {
        return switch (verb) {
            case REPOINT -> "with --force";
            case RESYNC -> "with --full";
            default -> "always";
        };
    }
}
