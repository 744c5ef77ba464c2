package org.repcon.transport;

import java.util.List;
import java.util.stream.Collectors;
import org.repcon.syntax.ShellQuote;

/**
 * The one string ssh sends for an argv. The remote sshd hands it to the user's login shell, so every
 * argument is single-quoted (POSIX: nothing inside single quotes is special, a quote is written '\''),
 * and the argv runs under a /bin/sh wrapper that ties the command's life to the ssh session.
 */
final class RemoteShell {

    /**
     * Runs "$@" with stdin empty and kills it when the session's stdin ends: without a terminal, sshd does not
     * signal a session's processes when the connection goes, so an idle {@code tail -F} would outlive it. The
     * session's stdin moves to fd 3, which a watcher reads; when it ends (the local ssh closed its stdin or died,
     * the connection broke) the watcher kills the command. When the command ends first, the watcher is killed
     * and the command's exit status is the session's. One line: csh-family login shells refuse newlines in quotes.
     */
    static final String WRAPPER = "exec 3<&0 </dev/null; \"$@\" 3<&- & p=$!;"
            + " (while read -r _ <&3; do :; done; kill $p 2>/dev/null) & w=$!;"
            + " wait $p; s=$?; kill $w 2>/dev/null; exit $s";

    private RemoteShell() {}

    /** The remote command line that runs {@code argv} exactly, under {@link #WRAPPER}. */
    static String command(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("empty command");
        return "sh -c " + quote(WRAPPER) + " sh " + argv.stream().map(RemoteShell::quote).collect(Collectors.joining(" "));
    }

    /** One word for a POSIX shell, whatever it contains. */
    static String quote(String word) {
        return ShellQuote.always(word);
    }
}
