package org.repcon.tui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the process's terminal can be driven full screen. A terminal that cannot (TERM=dumb, no TERM, a TERM
 * terminfo does not know, output not a tty) would get escape sequences it shows as text, so the console refuses it
 * with one line that points to the plain-text view instead.
 */
public final class FullScreen {

    /** The one line a refused terminal gets (after "repcon: "). */
    static final String INSTEAD = "; use 'repcon status --watch' for a plain-text view";

    /** Where ncurses looks after $TERMINFO, ~/.terminfo and $TERMINFO_DIRS. */
    private static final List<String> SYSTEM_DIRS = List.of("/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
            "/usr/lib/terminfo");

    private FullScreen() {}

    /** Why the process's own terminal cannot run the console, or empty when it can. */
    public static Optional<String> refusal(Map<String, String> env, boolean tty) {
        return refusal(env, tty, terminfoDirs(env));
    }

    static Optional<String> refusal(Map<String, String> env, boolean tty, List<Path> terminfoDirs) {
        String term = env.getOrDefault("TERM", "");
        if (term.isEmpty()) return Optional.of("the console needs a terminal type (TERM is not set)" + INSTEAD);
        if (term.equals("dumb") || term.equals("unknown")) {
            return Optional.of("TERM=" + term + " cannot show the full-screen console" + INSTEAD);
        }
        if (!known(term, terminfoDirs)) {
            return Optional.of("TERM=" + term + " is not known to terminfo on this host" + INSTEAD);
        }
        if (!tty) return Optional.of("the console needs a terminal (stdin and stdout are not a tty)" + INSTEAD);
        return Optional.empty();
    }

    /** The terminfo entry, by first letter (Linux) or its hex code (macOS); a TERM with a slash is no name. */
    private static boolean known(String term, List<Path> dirs) {
        if (term.contains("/") || term.startsWith(".")) return false;
        String letter = term.substring(0, 1);
        String hex = Integer.toHexString(term.charAt(0));
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve(letter).resolve(term)) || Files.isRegularFile(dir.resolve(hex).resolve(term))) {
                return true;
            }
        }
        return false;
    }

    /** The directories ncurses searches, in its order. */
    static List<Path> terminfoDirs(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String terminfo = env.get("TERMINFO");
        if (terminfo != null && !terminfo.isEmpty()) dirs.add(Path.of(terminfo));
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) dirs.add(Path.of(home, ".terminfo"));
        String more = env.get("TERMINFO_DIRS");
        if (more != null) {
            for (String d : more.split(":")) {
                if (!d.isEmpty()) dirs.add(Path.of(d)); // an empty entry means the system directories, added below
            }
        }
        SYSTEM_DIRS.forEach(d -> dirs.add(Path.of(d)));
        return dirs;
    }
}
