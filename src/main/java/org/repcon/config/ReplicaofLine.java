package org.repcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.repcon.syntax.RedisConfQuote;

/**
 * Edits the one directive a re-point or a promotion changes in an instance's file, and nothing else:
 * no CONFIG REWRITE, which would copy every non-default value (the common file's included) into it.
 */
public final class ReplicaofLine {

    private ReplicaofLine() {}

    /** The endpoint of the first active {@code replicaof} (or old-style {@code slaveof}) line: "localhost 6478". */
    public static Optional<String> current(String text) {
        for (String line : text.split("\n", -1)) {
            if (isDirective(line)) return Optional.of(line.strip().split("\\s+", 2)[1].strip().replaceAll("\\s+", " "));
        }
        return Optional.empty();
    }

    /** The file with {@code replicaof HOST PORT} in place of the first replication line (later ones dropped), or appended. */
    public static String set(String text, String host, int port) {
        return DirectiveLines.set(text, words -> words.size() >= 2 && DirectiveLines.named(List.of("replicaof", "slaveof"))
                .test(words), line(host, port));
    }

    /** {@code replicaof HOST PORT}, quoted as redis.conf needs. */
    static String line(String host, int port) {
        return RedisConfQuote.line("replicaof", host, Integer.toString(port));
    }

    /** The file with every replication line commented out, {@code note} saying why; the rest untouched. */
    public static String comment(String text, String note) {
        List<String> out = new ArrayList<>();
        for (String line : DirectiveLines.lines(text)) out.add(isDirective(line) ? "# " + line.strip() + "  # " + note : line);
        return String.join("\n", out) + "\n";
    }

    private static boolean isDirective(String line) {
        String[] words = line.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return words.length >= 2 && (words[0].equals("replicaof") || words[0].equals("slaveof"));
    }
}
