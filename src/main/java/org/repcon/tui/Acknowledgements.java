package org.repcon.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.repcon.util.AtomicFiles;
import org.repcon.util.Log;
import org.repcon.util.RepconException;
import org.repcon.view.FindingRow;

/**
 * Findings the operator has acknowledged: until the finding changes, or until a time. Kept in a file of the state
 * directory (one line each: id, what it looked like, until when), rewritten atomically on each change, so that a console
 * opened later (or another one) sees them too.
 */
final class Acknowledgements {

    /** @param until epoch ms; 0: until the finding changes */
    record Ack(String id, String fingerprint, long until) {
        boolean timed() {
            return until > 0;
        }
    }

    private final Path file;

    private static String masked(String text) {
        return text.replaceAll("[0-9]+", "#");
    }
    private final Map<String, Ack> acks = new LinkedHashMap<>();

    /** Reads what the file holds; an unreadable file is logged and starts empty (it is rewritten on the next ack). */
    Acknowledgements(Path file) {
        this.file = file;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length != 3) continue;
                try {
                    acks.put(f[0], new Ack(f[0], f[1], Long.parseLong(f[2])));
                } catch (NumberFormatException e) {
                    // a line of another version or a hand edit: ignored
                }
            }
        } catch (NoSuchFileException e) {
            // none yet
        } catch (IOException | RuntimeException e) {
            Log.get(Acknowledgements.class).log(Level.WARNING, "cannot read acknowledgements " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** The acknowledgement that holds for this finding now, if any. */
    Optional<Ack> of(FindingRow f, long now) {
        Ack a = acks.get(f.id());
        if (a == null) return Optional.empty();
        boolean holds = a.timed() ? now < a.until() : a.fingerprint().equals(fingerprint(f));
        return holds ? Optional.of(a) : Optional.empty();
    }

    /** Acknowledges it (empty: until it changes) and saves; a RepconException when the file cannot be written. */
    Ack add(FindingRow f, Optional<Duration> lasts, long now) {
        Ack a = new Ack(f.id(), fingerprint(f), lasts.map(d -> now + d.toMillis()).orElse(0L));
        acks.put(a.id(), a);
        save(now);
        return a;
    }

    void remove(FindingRow f, long now) {
        if (acks.remove(f.id()) != null) save(now);
    }

    /** Rewritten whole, atomically; ended timed acks go. */
    private void save(long now) {
        acks.values().removeIf(a -> a.timed() && a.until() <= now);
        StringBuilder b = new StringBuilder();
        for (Ack a : acks.values()) {
            if (a.id().matches("[^\\t\\n\\r]+")) b.append(a.id()).append('\t').append(a.fingerprint()).append('\t').append(a.until()).append('\n');
        }
        try {
            AtomicFiles.replace(file, b.toString(), 0600);
        } catch (IOException e) {
            throw RepconException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * What the finding says, numbers aside: its severity, summary and the set of its evidence lines, every run of digits
     * as one '#', so that a counter going up (down 42s, 43s ...) or one more log line of the same kind is no change, but
     * another cause or severity is.
     */
    static String fingerprint(FindingRow f) {
        StringBuilder b = new StringBuilder(f.severity().name()).append('\n').append(masked(f.summary()));
        new java.util.TreeSet<>(f.evidence().stream().map(Acknowledgements::masked).toList()).forEach(e -> b.append('\n').append(e));
        String masked = b.toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(masked.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
