package org.repcon.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How repcon reaches one host: its TCP ports, its commands and its files. The probe, the log pane and
 * the actions go through this and nothing else, so a host behind ssh works like the local machine.
 * Implementations are thread-safe: probes of several instances on one host use it concurrently.
 */
public interface Transport extends AutoCloseable {

    /**
     * Where to connect from this machine to reach {@code address:port} as the host itself sees it
     * (its loopback, usually). Local: the same address, resolved only when connecting, on the thread
     * that connects. Over ssh: the unix socket of a forward, in repcon's private runtime directory.
     * Over ssh the first call connects to the host (seconds at worst), so call it from a worker
     * thread too; a RepconException says in one line why the host cannot be reached.
     */
    Endpoint reach(String address, int port);

    /**
     * Runs a command on the host without a shell (argv as given), stdin empty. Output is captured up
     * to a bound; the process is killed when the timeout passes (locally with its descendants). Never
     * throws for a failing command: a command that cannot be started yields exit code 127, as a shell
     * would; a host that cannot be reached yields {@link ExecResult#connectionFailed()}.
     */
    ExecResult exec(List<String> argv, Duration timeout);

    /**
     * The last {@code maxLines} lines of a file, reading a bounded number of bytes from its end
     * (a huge log costs no more than a small one). Empty when the file is missing or unreadable.
     */
    List<String> tail(String path, int maxLines);

    /**
     * Runs a long-running command on the host (a log follow: {@code tail -F PATH}) and hands each line of its
     * stdout to {@code lines}, on a thread of the follow's own, until the command ends or the follow is closed.
     * Closing stops the command where it runs, over ssh included. Never throws for a failing command: one that
     * cannot start gives a follow that has already {@link Follow#ended() ended}. A RepconException says that the
     * host cannot be reached at all.
     */
    Follow follow(List<String> argv, Consumer<String> lines);

    /**
     * A whole (small) file: a config file an action is about to edit. Empty when the file does not exist;
     * a RepconException when it exists but cannot be read, or is larger than a config file can be (1 MiB).
     */
    Optional<String> readFile(String path);

    /**
     * Replaces a file atomically (a reader sees the old or the new content, never half) with {@code mode}
     * (e.g. 0644), keeping what it replaces as a timestamped backup beside it. A RepconException says why
     * it could not be written.
     */
    FileWrite writeFile(String path, String content, int mode);

    /**
     * The first {@code limit} bytes of a file, as they are (an RDB is binary): a dataset file a restore copies, the
     * header of one the dataset guard reads. Empty when the file does not exist; a RepconException when it cannot be
     * read. The caller compares the length with the file's size to know whether it got all of it.
     */
    Optional<byte[]> readBytes(String path, int limit);

    /**
     * Like {@link #writeFile} for binary content (an RDB): replaced atomically with {@code mode}, what it replaces
     * kept as a timestamped backup beside it. A RepconException says why it could not be written.
     */
    FileWrite writeBytes(String path, byte[] content, int mode);

    /** A few words for logs and status lines: "local", "ssh admin@mx1". */
    String describe();

    /** Stops follows, releases forwards, master connections and threads. Idempotent. */
    @Override
    void close();
}
