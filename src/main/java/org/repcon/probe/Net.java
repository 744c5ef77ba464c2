package org.repcon.probe;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Locale;

/** Reading the JDK's socket errors, the same way for instance and tunnel probes. */
final class Net {

    private Net() {}

    /** "Connection refused": nothing listens on the port. Other ConnectExceptions are routing trouble. */
    static boolean refused(ConnectException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused");
    }

    /**
     * The other end closed the connection under a read ("reset") or a write ("Broken pipe", as a unix socket
     * says it when ssh closes a forwarded connection at once).
     */
    static boolean closedByPeer(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e instanceof SocketException && (m.contains("reset") || m.contains("broken pipe"));
    }
}
