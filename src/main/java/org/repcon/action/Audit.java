package org.repcon.action;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;
import org.repcon.util.Xdg;

/**
 * The audit log: one JSON object a line, appended under a file lock so that two sessions never
 * interleave, in {@code $XDG_STATE_HOME/repcon/audit.log} (mode 0600).
 */
public final class Audit {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Path file;

    public Audit(Path file) {
        this.file = file;
    }

    public static Audit standard() {
        return new Audit(Xdg.stateHome().resolve("audit.log"));
    }

    public Path file() {
        return file;
    }

    /** Appends one record; a RepconException when it cannot be written. */
    public void append(AuditRecord record) {
        byte[] line = (GSON.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(AtomicFiles.permissions(0600)));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another session made it first
                }
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                FileLock lock = ch.lock(); // released when the channel closes
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(false);
                lock.release();
            }
        } catch (IOException e) {
            throw RepconException.failed("cannot write the audit log " + file + ": " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }

    /** Whether a record could be appended now: checked before a change runs, so none runs unrecorded. */
    public void checkWritable() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(file.toAbsolutePath().getParent())) {
                throw RepconException.failed("cannot write the audit log " + file + ": permission denied");
            }
        } catch (IOException e) {
            throw RepconException.failed("cannot write the audit log " + file + ": " + e.getMessage());
        }
    }
}
