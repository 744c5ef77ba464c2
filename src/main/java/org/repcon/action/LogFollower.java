package org.repcon.action;

import java.util.function.Consumer;
import org.repcon.transport.Transport;

/**
 * Follows a file on a host as it grows (a transport's streaming API, plugged in by whoever has one),
 * so the logs action can go on live after its last lines.
 */
@FunctionalInterface
public interface LogFollower {

    /** Calls {@code line} for each line appended to {@code path} from now on, until the returned handle is closed. */
    AutoCloseable follow(Transport transport, String path, Consumer<String> line);
}
