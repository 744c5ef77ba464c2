package org.repcon.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXSocket;
import org.repcon.util.RepconException;

/**
 * Where repcon's ssh sockets live: the masters' control sockets and the listening ends of their forwards. A
 * directory only this user can enter: whoever can open a control socket can run commands on its host as us, and
 * whoever can open a forward talks to a remote Redis (without its password, when it has none). Names are short,
 * because a socket path has a hard length limit.
 */
final class SshSockets {

    /**
     * 104 bytes (sun_path on the BSDs and macOS; Linux has 108) less the NUL and the 17 characters ssh appends
     * to the path for the temporary socket it renames into place.
     */
    static final int MAX_PATH_BYTES = 86;

    private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final AtomicBoolean CLIENT_LOADED = new AtomicBoolean();

    private SshSockets() {}

    /**
     * A control socket path no other transport uses, this process's or another's: each transport exits its own
     * master on close, which must not cut the connections of another. The name holds no host name, so its length
     * is known.
     */
    static Path next(Path dir) {
        return dir.resolve("ssh-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    /** The listening socket of a master's forward number {@code n}: beside its control socket, named after it. */
    static Path forward(Path control, int n) {
        return control.resolveSibling(control.getFileName() + "-" + n);
    }

    /**
     * Loads the unix socket client (junixsocket, its native library) on a thread of its own, once: its first use
     * costs a few hundred ms, more on a busy machine, which then overlaps ssh's connect instead of following it.
     */
    static void loadClientAhead() {
        if (CLIENT_LOADED.compareAndSet(false, true)) CompletableFuture.runAsync(AFUNIXSocket::isSupported);
    }

    /** Checks the path's length, then makes its directory or checks the one there (see {@link #prepareDirectory}). */
    static void prepare(Path socket) {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw RepconException.failed("ssh socket path " + socket + " is " + length + " bytes, longer than the "
                    + MAX_PATH_BYTES + " a socket allows; set XDG_RUNTIME_DIR to a short directory");
        }
        prepareDirectory(socket.getParent());
    }

    /**
     * Makes the directory with mode 0700, or checks that the one there belongs to this user and that no one else
     * may enter it (not a symbolic link either). One line says what is wrong and what to do; repcon never loosens
     * or takes over a directory it finds.
     */
    static void prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            boolean ours = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
            if (!ours) {
                throw RepconException.failed("ssh socket directory " + dir + " belongs to someone else; remove it or set"
                        + " XDG_RUNTIME_DIR to a directory of your own");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !OWNER_ONLY.containsAll(mode)) {
                throw RepconException.failed("ssh socket directory " + dir + " must have mode 0700 (it is "
                        + PosixFilePermissions.toString(mode) + "): other users could reach your hosts through it;"
                        + " chmod 700 " + dir);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw RepconException.failed("cannot prepare the ssh socket directory " + dir + ": " + e.getMessage());
        }
    }
}
