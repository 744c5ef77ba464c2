package org.repcon.action;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * Appends one record, synced to the disk; a RepconException, in one line, when it cannot be written (not a
     * file, no permission, the disk full).
     */
    public void append(AuditRecord record) {
        byte[] line = (GSON.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            checkWritable();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
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
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw cannot(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /**
     * Whether a record could be appended now (the file, or its directory, writable): checked before a change is
     * shown, so none is asked for in vain. A full disk shows only when a record is written: changes write theirs
     * before they start ({@link Rails}).
     */
    public void checkWritable() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (Files.exists(file)) {
                if (!Files.isRegularFile(file)) throw cannot(Files.isDirectory(file) ? "it is a directory" : "it is not a regular file");
                if (!Files.isWritable(file)) throw cannot("permission denied");
            } else if (!Files.isWritable(parent)) {
                throw cannot("permission denied in " + parent);
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw cannot(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** Why, and where the log must be: the operator fixes that file (or its disk) and tries again. */
    private RepconException cannot(String why) {
        return RepconException.failed("cannot write the audit log " + file + " (" + why.strip() + "); nothing runs unrecorded:"
                + " the log must be a writable file at " + file);
    }
}
