package org.repcon.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file named by the user (on the command line, or in a topology as a password file), read whole; a failure is
 * the user's one-line error (exit 2), not a trace. Only a regular file is opened (a FIFO would block, a device
 * never end), its size is checked before it is read, and it is read up to that bound even if it grows meanwhile.
 */
public final class UserFile {

    /** What a file named on the command line may hold unless its reader says less (an INFO reply, a topology). */
    public static final long DEFAULT_LIMIT = 64L << 20;

    private UserFile() {}

    public static String read(Path file, Charset charset) {
        return read(file, charset, DEFAULT_LIMIT);
    }

    /**
     * The file's text; a RepconException ("FILE: why") when it is not a regular file, is larger than
     * {@code maxBytes}, cannot be read, or (UTF-8) is not valid UTF-8 ("FILE:LINE:COLUMN: not UTF-8 at byte N").
     */
    public static String read(Path file, Charset charset, long maxBytes) {
        byte[] bytes = bytes(file, maxBytes);
        return decode(file, bytes, charset);
    }

    /** The file's bytes, with the checks of {@link #read(Path, Charset, long)}. */
    public static byte[] bytes(Path file, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw RepconException.invalid(file + ": no such file");
        } catch (IOException e) {
            throw RepconException.invalid(file + ": cannot read: " + reason(e));
        }
        if (!attributes.isRegularFile()) {
            throw RepconException.invalid(file + ": not a regular file (" + kind(file, attributes) + ")");
        }
        if (attributes.size() > maxBytes) {
            throw RepconException.invalid(file + ": " + attributes.size() + " bytes, more than the " + maxBytes
                    + " such a file may have");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw RepconException.invalid(file + ": grew past the " + maxBytes + " bytes such a file may have while read");
            }
            return bytes;
        } catch (IOException e) {
            throw RepconException.invalid(file + ": cannot read: " + reason(e));
        }
    }

    /** Strict decoding: the first invalid byte is named by its offset (from 0) and its line and column. */
    private static String decode(Path file, byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String before = out.toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            throw RepconException.invalid(file + ":" + line + ":" + column + ": not " + charset.name() + " at byte " + offset);
        }
        out.flip();
        return out.toString();
    }

    /** "a directory", "a FIFO", "a character device"...: what was named instead of a file. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) return "a directory";
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a device, FIFO or socket";
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }
}
