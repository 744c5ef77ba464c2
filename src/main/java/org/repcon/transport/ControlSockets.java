package org.repcon.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.repcon.util.RepconException;

/**
 * Where ssh control sockets live: a directory only this user can enter (whoever can open a master's socket
 * can run commands on its host as us), and short names, because a socket path has a hard length limit.
 */
final class ControlSockets {

    /**
     * 104 bytes (sun_path on the BSDs and macOS; Linux has 108) less the NUL and the 17 characters ssh appends
     * to the path for the temporary socket it renames into place.
     */
    static final int MAX_PATH_BYTES = 86;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ControlSockets() {}

    /**
     * A path no other transport uses, this process's or another's: each transport exits its own master on close,
     * which must not cut the connections of another. The name holds no host name, so its length is known.
     */
    static Path next(Path dir) {
        return dir.resolve("ssh-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    /** Makes the socket's directory (mode 0700) and checks that it is private and the path short enough. */
    static void prepare(Path socket) {
        Path dir = socket.getParent();
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw RepconException.failed("ssh control socket path " + socket + " is " + length + " bytes, longer than the "
                    + MAX_PATH_BYTES + " a socket allows; set XDG_RUNTIME_DIR to a short directory");
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            boolean ours = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
            if (!ours || !Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE).containsAll(mode)) {
                throw RepconException.failed("ssh control directory " + dir + " must belong to you with mode 0700 (it is "
                        + PosixFilePermissions.toString(mode) + (ours ? "" : ", owned by someone else") + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw RepconException.failed("cannot prepare the ssh control directory " + dir + ": " + e.getMessage());
        }
    }
}
