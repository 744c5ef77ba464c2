package org.repcon.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;

/**
 * Copying text out of the console (a finding for a ticket, the screen): always to a file of the state directory, and
 * to the terminal's clipboard with the OSC 52 escape where the console drives a real terminal that may take it.
 */
final class Clipboard {

    /** Terminals that take no OSC 52 (the Linux console) or cannot be told anything (dumb). */
    private static final java.util.Set<String> NO_OSC52 = java.util.Set.of("dumb", "linux");
    /** What terminals accept in one OSC 52, roughly (xterm's default limit is about 100 KB of base64). */
    private static final int MAX_OSC52_BYTES = 74_000;

    private final Path file;
    /** Writes an escape sequence to the terminal as is; null when there is no terminal to send it to. */
    private final Consumer<String> terminal;

    Clipboard(Path file, Consumer<String> terminal) {
        this.file = file;
        this.terminal = terminal;
    }

    /** For a real terminal whose TERM may take OSC 52; a terminal that cannot gets none. */
    static Clipboard of(Path file, Consumer<String> raw, String term) {
        boolean may = raw != null && term != null && !term.isEmpty() && !NO_OSC52.contains(term);
        return new Clipboard(file, may ? raw : null);
    }

    /** Copies the text; returns the one line that says where it went. A RepconException when the file cannot be written. */
    String copy(String what, String text) {
        try {
            AtomicFiles.replace(file, text, 0600);
        } catch (IOException e) {
            throw RepconException.failed("cannot copy " + what + " to " + file + ": " + e.getMessage());
        }
        String where = "copied " + what + " to " + file;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (terminal == null) return where;
        if (bytes.length > MAX_OSC52_BYTES) return where + " (too long for the terminal's clipboard)";
        terminal.accept(osc52(bytes));
        return where + " and the terminal's clipboard (OSC 52)";
    }

    /** The escape that sets the clipboard ("c") to these bytes, ended by BEL, which every terminal taking it knows. */
    static String osc52(byte[] bytes) {
        return "\033]52;c;" + Base64.getEncoder().encodeToString(bytes) + "\007";
    }
}
