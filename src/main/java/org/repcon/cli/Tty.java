package org.repcon.cli;

/** Whether repcon may ask on a terminal: piped input must never answer a confirmation. */
final class Tty {

    private Tty() {}

    /** Whether stdin and stdout are a terminal. */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            // Java 22 and newer return a console even when redirected, and say so here.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before 22 a console is a terminal
        }
    }
}
