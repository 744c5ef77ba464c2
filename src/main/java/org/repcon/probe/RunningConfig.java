package org.repcon.probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an instance runs with, of the directives repcon writes into its files: read by {@code CONFIG GET} about once a
 * minute (pipelined behind INFO, one GET per directive, since Redis 6.2 takes one name per GET), to be compared with
 * its files on the host. A password never leaves the probe as itself: it is kept as a {@link #fingerprint}, which
 * tells equal from different and nothing more.
 *
 * @param readMs when the reply was read
 * @param values by directive, as CONFIG GET names it
 */
public record RunningConfig(long readMs, Map<String, String> values) {

    /** The directives compared: those repcon writes, and those {@code set} changes at runtime. */
    public static final List<String> DIRECTIVES = List.of("replicaof", "masterauth", "requirepass", "maxmemory",
            "replica-read-only", "repl-backlog-size", "client-output-buffer-limit", "save", "appendonly",
            "min-replicas-to-write");

    private static final Set<String> SECRETS = Set.of("masterauth", "primaryauth", "requirepass");
    /** Drawn once per process and never written anywhere, so a fingerprint cannot be tried against guesses elsewhere. */
    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    public RunningConfig {
        values = Map.copyOf(values);
    }

    /** Whether a directive's value is a password, kept only as its fingerprint. */
    public static boolean secret(String directive) {
        return SECRETS.contains(directive);
    }

    /** A password as this process compares it: "" stays "" (not set); anything else a salted digest. */
    public static String fingerprint(String password) {
        if (password.isEmpty()) return "";
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(SALT);
            return "sha256:" + HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
