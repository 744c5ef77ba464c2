package org.repcon.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so that a reader (or a crash) sees either the old or the new content, never half:
 * a temporary file in the same directory, flushed to disk, given its mode, then renamed over the
 * target. What it replaces is kept as a timestamped backup beside it.
 */
public final class AtomicFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code target} with {@code mode} (e.g. 0600, 0644).
     *
     * @return the backup of the replaced file, if there was one to replace
     */
    public static Optional<Path> write(Path target, String content, int mode) throws IOException {
        return write(target, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** Binary content (an RDB), likewise. */
    public static Optional<Path> write(Path target, byte[] content, int mode) throws IOException {
        return write(target, content, mode, true);
    }

    /**
     * Replaces {@code target} as atomically, keeping no backup: for a file rewritten every few seconds and read by
     * another program (a metrics textfile), whose old content is worth nothing.
     */
    public static void replace(Path target, String content, int mode) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), mode, false);
    }

    private static Optional<Path> write(Path target, byte[] content, int mode, boolean keepBackup) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Optional<Path> backup = Optional.empty();
        if (keepBackup && Files.exists(target)) {
            Path copy = uniqueBackupName(target);
            Files.copy(target, copy, StandardCopyOption.COPY_ATTRIBUTES);
            backup = Optional.of(copy);
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".repcon-tmp",
                PosixFilePermissions.asFileAttribute(permissions(0600)));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, permissions(mode));
            if (backup.isPresent()) keepOwnership(backup.get(), temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return backup;
    }

    /** Like {@link #write} but with the error as a RepconException naming the file. */
    public static Optional<Path> writeOrFail(Path target, String content, int mode) {
        return writeOrFail(target, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** Binary content, likewise. */
    public static Optional<Path> writeOrFail(Path target, byte[] content, int mode) {
        try {
            return write(target, content, mode);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** {@link #replace}, with the error as a RepconException naming the file. */
    public static void replaceOrFail(Path target, String content, int mode) {
        try {
            replace(target, content, mode);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static RepconException cannotWrite(Path target, IOException e) {
        String reason = e instanceof FileSystemException fe && fe.getReason() != null ? fe.getReason() : e.getMessage();
        return RepconException.failed("cannot write " + target + ": " + reason);
    }

    /** Writes only when the content or mode differs, so re-applying the same files touches nothing. */
    public static boolean writeIfChanged(Path target, String content, int mode) {
        try {
            if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)
                    && Files.getPosixFilePermissions(target).equals(permissions(mode))) {
                return false;
            }
        } catch (IOException e) {
            // unreadable: write it anew below
        }
        writeOrFail(target, content, mode);
        return true;
    }

    /**
     * The new file gets the owner and group of the one it replaces: a redis-NAME.conf of mode 0640 owned by
     * root:redis must stay readable by redis after repcon (as root) rewrites it. Without the right to (not
     * root, not a member of the group) the new file stays the writer's, as it would be anyway.
     */
    private static void keepOwnership(Path old, Path temp) {
        try {
            PosixFileAttributes a = Files.readAttributes(old, PosixFileAttributes.class);
            Files.setOwner(temp, a.owner());
            Files.getFileAttributeView(temp, PosixFileAttributeView.class).setGroup(a.group());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not permitted: see above
        }
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            for (int bit = 2; bit >= 0; bit--) {
                s.append((mode >> (shift + bit) & 1) == 1 ? rwx.charAt(2 - bit) : '-');
            }
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    private static Path uniqueBackupName(Path target) {
        String base = target.getFileName() + ".bak-" + LocalDateTime.now().format(STAMP);
        Path candidate = target.resolveSibling(base);
        for (int n = 1; Files.exists(candidate); n++) candidate = target.resolveSibling(base + "." + n);
        return candidate;
    }
}
