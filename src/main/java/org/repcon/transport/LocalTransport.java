package org.repcon.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.repcon.util.AtomicFiles;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/** This machine: sockets as they are, commands through ProcessBuilder, files read directly. */
public final class LocalTransport implements Transport {

    /** The largest file readFile returns: config files are a few KB, so more means the wrong file. */
    static final int MAX_READ_BYTES = 1 << 20;

    private static final Logger LOG = Log.get(LocalTransport.class);

    private final ProcessRunner runner = new ProcessRunner();
    private final Follows follows = new Follows();

    @Override
    public Endpoint reach(String address, int port) {
        return new Endpoint.Tcp(address, port);
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
    public Optional<String> readFile(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
            if (bytes.length > MAX_READ_BYTES) {
                throw RepconException.failed(path + " is larger than " + (MAX_READ_BYTES >> 20) + " MiB; not a config file");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RepconException.failed("cannot read " + path + ": " + e.getMessage());
        }
    }

    @Override
    public FileWrite writeFile(String path, String content, int mode) {
        return writeBytes(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Override
    public Optional<byte[]> readBytes(String path, int limit) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return Optional.of(in.readNBytes(limit));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RepconException.failed("cannot read " + path + ": " + e.getMessage());
        }
    }

    @Override
    public FileWrite writeBytes(String path, byte[] content, int mode) {
        Optional<Path> backup = AtomicFiles.writeOrFail(Path.of(path), content, mode);
        return new FileWrite(path, backup.map(Path::toString));
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
