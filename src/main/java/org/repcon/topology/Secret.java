package org.repcon.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.util.RepconException;

/**
 * A secret by reference, never by value: the topology names a file or an environment variable.
 * {@link #toString()} never shows the value, so a secret cannot leak through a log or a preview.
 */
public record Secret(Source source, String reference) {

    public enum Source { FILE, ENV }

    public static Secret file(Path path) {
        return new Secret(Source.FILE, path.toString());
    }

    public static Secret env(String variable) {
        return new Secret(Source.ENV, variable);
    }

    /** The value itself, for the few places that must write it into a file or send it to Redis. */
    public String reveal() {
        if (source == Source.ENV) {
            String value = System.getenv(reference);
            if (value == null || value.isEmpty()) {
                throw RepconException.invalid("secret: environment variable " + reference + " is not set");
            }
            return value;
        }
        try {
            String value = Files.readString(Path.of(reference), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) throw RepconException.invalid("secret: " + reference + " is empty");
            return value;
        } catch (IOException e) {
            throw RepconException.invalid("secret: cannot read " + reference + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return source == Source.ENV ? "<secret from $" + reference + ">" : "<secret from " + reference + ">";
    }
}
