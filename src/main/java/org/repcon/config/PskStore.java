package org.repcon.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.repcon.syntax.ControlCharacters;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;
import org.repcon.util.UserFile;

/**
 * The operator's PSK secrets file: one {@code identity:secret} line per replica host, as stunnel's
 * PSKsecrets format. Generated once, mode 0600, and from then on only read: the master and each
 * replica must keep agreeing on the secret.
 */
public final class PskStore {

    /** stunnel wants at least 16 bytes; 32 random bytes in hex is well past any guessing. */
    private static final int SECRET_BYTES = 32;

    private final Path file;
    private final Map<String, String> secrets;

    private PskStore(Path file, Map<String, String> secrets) {
        this.file = file;
        this.secrets = Map.copyOf(secrets);
    }

    public Path file() {
        return file;
    }

    /** Secrets files hold a line per replica host; this bounds what is read. */
    private static final long MAX_BYTES = 1 << 20;

    /** Reads the file (a regular file only, bounded, UTF-8); an absent file reads as empty. */
    public static PskStore read(Path file) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (Files.notExists(file)) return new PskStore(file, Map.of());
        int lineNo = 0;
        for (String line : UserFile.read(file, StandardCharsets.UTF_8, MAX_BYTES).split("\n", -1)) {
            lineNo++;
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1).strip() : line.strip();
            OptionalInt control = ControlCharacters.first(l);
            if (control.isPresent()) {
                throw RepconException.invalid(file + ":" + lineNo + ": holds " + ControlCharacters.name(control.getAsInt())
                        + "; each line is identity:secret in plain text");
            }
            if (l.isEmpty() || l.startsWith("#")) continue;
            int colon = l.indexOf(':');
            if (colon <= 0 || colon == l.length() - 1) {
                throw RepconException.invalid(file + ":" + lineNo + ": expected 'identity:secret'");
            }
            String secret = l.substring(colon + 1);
            if (secret.length() < 16) {
                throw RepconException.invalid(file + ":" + lineNo + ": the secret is shorter than the 16 characters stunnel needs");
            }
            secrets.put(l.substring(0, colon), secret);
        }
        return new PskStore(file, secrets);
    }

    /**
     * The store with a secret for every identity, generating (and writing, mode 0600) the missing
     * ones. Existing secrets are never changed.
     */
    public static PskStore ensure(Path file, Set<String> identities) {
        PskStore store = read(file);
        Map<String, String> all = new LinkedHashMap<>(store.secrets);
        SecureRandom random = new SecureRandom();
        boolean added = false;
        for (String identity : identities) {
            if (!all.containsKey(identity)) {
                byte[] bytes = new byte[SECRET_BYTES];
                random.nextBytes(bytes);
                all.put(identity, HexFormat.of().formatHex(bytes));
                added = true;
            }
        }
        if (added) {
            StringBuilder text = new StringBuilder("# stunnel PSK secrets, one identity:secret per replica host (kept by repcon)\n");
            all.forEach((id, secret) -> text.append(id).append(':').append(secret).append('\n'));
            AtomicFiles.writeOrFail(file, text.toString(), 0600);
        }
        return new PskStore(file, all);
    }

    /** One line of stunnel's PSK file: {@code identity:secret}; both are one line of text (see {@link #read}). */
    static String line(String identity, String secret) {
        return identity + ":" + secret;
    }

    public boolean has(String identity) {
        return secrets.containsKey(identity);
    }

    public String secret(String identity) {
        String s = secrets.get(identity);
        if (s == null) {
            throw RepconException.invalid("secrets file " + file + " has no PSK for identity '" + identity + "'");
        }
        return s;
    }
}
