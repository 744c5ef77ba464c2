package org.repcon.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ssh's own failures, read from its stderr and said in one line: "ssh to mx1 failed: Connection refused". */
final class SshFailure {

    private SshFailure() {}

    /** The one-line message for a failed connection to {@code address}. */
    static String message(String address, String stderr) {
        return "ssh to " + address + " failed: " + reason(stderr);
    }

    /**
     * Why, from ssh's stderr: its last line, except that a host key failure says which one it is (ssh's
     * warning banner takes a dozen lines before its "Host key verification failed.").
     */
    static String reason(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("@")) lines.add(l);
        }
        if (lines.isEmpty()) return "the connection was lost";
        String all = String.join("\n", lines);
        if (all.contains("Host key verification failed")) {
            if (all.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || all.contains("has changed and you have requested")) {
                return "Host key verification failed: the host's key has CHANGED since it was recorded in known_hosts"
                        + " (a reinstalled host, or someone in between); check it before replacing the entry";
            }
            if (all.contains("host key is known for")) {
                return "Host key verification failed: its key is not in known_hosts; check it and record it"
                        + " by connecting once with ssh";
            }
        }
        return oneLine(lines.get(lines.size() - 1).replaceFirst("^ssh: ", ""));
    }

    /** stderr of a session that failed in the multiplexing layer, not in the remote command. */
    static boolean isMuxFailure(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        return s.contains("mux_client") || s.contains("control socket connect") || s.contains("muxclient");
    }

    /** The message when the ssh program itself cannot be run ({@code why}: "cannot run ssh: ..."). */
    static String cannotRun(String address, String why) {
        boolean missing = why.contains("error=2,") || why.contains("No such file");
        return "ssh to " + address + " failed: " + oneLine(why.strip()) + (missing ? "; install openssh-client" : "");
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
