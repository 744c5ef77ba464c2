package org.repcon.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.repcon.syntax.ControlCharacters;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;

/**
 * A secret by reference, never by value: the topology names a file or an environment variable.
 * {@link #toString()} never shows the value, so a secret cannot leak through a log or a preview. The
 * loader checks it with {@link #reveal()}, the same code that later reads it for writing, so what
 * {@code validate} accepts is what setup can write.
 */
public record Secret(Source source, String reference) {

    public enum Source { FILE, ENV }

    /** A password file is one line; anything near this size is not one. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    public static Secret file(Path path) {
        return new Secret(Source.FILE, path.toString());
    }

    public static Secret env(String variable) {
        return new Secret(Source.ENV, variable);
    }

    /**
     * The value itself, for the few places that must write it into a file or send it to Redis: one line of
     * text (a file's final newline is not part of it). A RepconException names the file or variable and why,
     * never the value.
     */
    public String reveal() {
        String value;
        if (source == Source.ENV) {
            value = System.getenv(reference);
            if (value == null || value.isEmpty()) throw RepconException.invalid("environment variable " + reference + " is not set");
        } else {
            String text;
            try {
                text = UserFile.read(Path.of(reference), StandardCharsets.UTF_8, MAX_FILE_BYTES);
            } catch (RepconException e) {
                throw RepconException.invalid("password file " + e.getMessage());
            }
            value = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (value.isEmpty()) throw RepconException.invalid("password file " + reference + " is empty");
        }
        OptionalInt control = ControlCharacters.first(value);
        if (control.isPresent()) {
            throw RepconException.invalid(where() + " holds " + ControlCharacters.name(control.getAsInt())
                    + (control.getAsInt() == '\n' && source == Source.FILE ? " before its end" : "") + "; a password is one line of text"
                    + (source == Source.FILE ? " (a final newline is fine)" : ""));
        }
        return value;
    }

    /** Why the secret cannot be used (naming the file or variable, never the value); empty when it can. */
    public Optional<String> problem() {
        try {
            reveal();
            return Optional.empty();
        } catch (RepconException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A password file that other users may read: the warning that says how to fix it. */
    public Optional<String> exposure() {
        if (source != Source.FILE) return Optional.empty();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(Path.of(reference));
            if (perms.stream().noneMatch(SHARED::contains)) return Optional.empty();
            return Optional.of("password file " + reference + " is readable by "
                    + (perms.contains(PosixFilePermission.OTHERS_READ) ? "every user" : "its group") + "; chmod 600 " + reference);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private String where() {
        return source == Source.ENV ? "environment variable " + reference : "password file " + reference;
    }

    @Override
    public String toString() {
        return source == Source.ENV ? "<secret from $" + reference + ">" : "<secret from " + reference + ">";
    }
}
