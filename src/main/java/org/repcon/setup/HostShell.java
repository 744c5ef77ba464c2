package org.repcon.setup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;

/** The few shell questions setup asks a host, as scripts run through its transport (POSIX sh; GNU or BSD stat). */
final class HostShell {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Prints the octal mode of $1 (GNU stat, else BSD's). */
    private static final String MODE = "stat -c %a -- \"$1\" 2>/dev/null || stat -f %Lp -- \"$1\"";

    private HostShell() {}

    /** Runs a script with arguments ($1...); a RepconException when the host cannot be reached. */
    static ExecResult sh(Transport t, String script, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(args);
        ExecResult r = t.exec(argv, TIMEOUT);
        if (r.connectionFailed()) throw RepconException.failed(r.stderr().strip());
        return r;
    }

    /** A file's permission bits; empty when it does not exist. */
    static OptionalInt mode(Transport t, String path) {
        ExecResult r = sh(t, MODE, List.of(path));
        String out = r.stdout().strip();
        return r.ok() && out.matches("[0-7]{3,4}") ? OptionalInt.of(Integer.parseInt(out, 8)) : OptionalInt.empty();
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
