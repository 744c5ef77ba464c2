package org.repcon.setup;

/** What a step is on the host, as detected. */
public enum State {
    /** As the topology wants it: applying it changes nothing. */
    DONE,
    /** There, but not as wanted (a file's content or mode, a directory's owner, a service on an old file). */
    DIFFERS,
    /** Not there at all (a file, a package, a service not running, a verification not passing). */
    MISSING,
    /** Could not be told (the host unreachable, a port held by another process): the reason says why. */
    UNKNOWN;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
