package org.repcon.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.repcon.util.Log;

/** This machine: sockets as they are, commands through ProcessBuilder, files read directly. */
public final class LocalTransport implements Transport {

    private static final Logger LOG = Log.get(LocalTransport.class);

    private final ProcessRunner runner = new ProcessRunner();
    private final Follows follows = new Follows();

    @Override
    public InetSocketAddress reach(String address, int port) {
        return InetSocketAddress.createUnresolved(address, port);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
        ExecResult result = runner.run(argv, Map.of(), timeout, false).toResult(argv);
        if (!result.ok()) LOG.fine(() -> "exec: " + result.summary());
        return result;
    }

    @Override
    public List<String> tail(String path, int maxLines) {
        if (maxLines <= 0) return List.of();
        try (RandomAccessFile file = new RandomAccessFile(path, "r")) {
            long size = file.length();
            int n = (int) Math.min(size, Tails.budget(maxLines));
            byte[] bytes = new byte[n];
            file.seek(size - n);
            file.readFully(bytes);
            return Tails.lastLines(bytes, size > n, maxLines);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** The command runs with stdin empty; closing kills it (and its descendants) at once. */
    @Override
    public Follow follow(List<String> argv, Consumer<String> lines) {
        return follows.track(ProcessFollow.start(argv, Map.of(), false, Duration.ZERO, lines,
                (exit, stderr) -> new ExecResult(argv, exit, "", stderr, false, false, Duration.ZERO).summary()));
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {
        follows.closeAll();
        runner.close();
    }
}
