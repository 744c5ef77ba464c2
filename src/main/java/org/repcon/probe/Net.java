package org.repcon.probe;

import java.net.ConnectException;
import java.util.Locale;

/** Reading the JDK's socket errors, the same way for instance and tunnel probes. */
final class Net {

    private Net() {}

    /** "Connection refused": nothing listens on the port. Other ConnectExceptions are routing trouble. */
    static boolean refused(ConnectException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused");
    }
}
