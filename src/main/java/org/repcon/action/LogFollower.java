package org.repcon.action;

import java.util.List;
import java.util.function.Consumer;
import org.repcon.transport.Transport;

/**
 * Follows a file on a host as it grows, so the logs action can go on live after its last lines. {@link #TAIL} is the
 * one used; the interface is the seam a test plugs lines into.
 */
@FunctionalInterface
public interface LogFollower {

    /** {@code tail -F} through the host's transport, from the end: only lines appended from now on, across a rotation. */
    LogFollower TAIL = (transport, path, line) -> transport.follow(List.of("tail", "-n", "0", "-F", "--", path), line);

    /** Calls {@code line} for each line appended to {@code path} from now on, until the returned handle is closed. */
    AutoCloseable follow(Transport transport, String path, Consumer<String> line);
}
