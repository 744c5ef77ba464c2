package org.repcon.tui;

/** A one-line message on the bottom line (a command's result, an error) until a key or a timeout. */
final class Message {

    private static final long SHOW_MILLIS = 6000;

    private String text = "";
    private boolean error;
    private long until;

    void show(String message, boolean isError, long now) {
        text = message;
        error = isError;
        until = now + SHOW_MILLIS;
    }

    void clear() {
        text = "";
    }

    /** The message, or empty once it has expired. */
    String text(long now) {
        if (!text.isEmpty() && now >= until) text = "";
        return text;
    }

    boolean error() {
        return error;
    }

    /** When the message goes away by itself, or Long.MAX_VALUE when none is shown. */
    long expiry() {
        return text.isEmpty() ? Long.MAX_VALUE : until;
    }
}
