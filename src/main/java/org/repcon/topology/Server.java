package org.repcon.topology;

import java.util.List;
import java.util.Optional;

/**
 * The server a host runs: Redis, or Valkey (its fork, which speaks the same protocol and reads the same files). It
 * decides the names of everything repcon writes or runs for the host: the binaries, the packages, the services and
 * the files (see {@link Platform#defaults(Server)}).
 */
public enum Server {
    REDIS,
    VALKEY;

    /** Its value of {@code server:} in a topology, and the word its packages use for it: its name in lower case. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The server binary: {@code redis-server}, {@code valkey-server}. */
    public String serverBinary() {
        return yamlName() + "-server";
    }

    /** The command-line client: {@code redis-cli}, {@code valkey-cli}. */
    public String cliBinary() {
        return yamlName() + "-cli";
    }

    /** The Debian package of the server, and its stock single-instance unit: {@code redis-server}, {@code valkey-server}. */
    public String debianPackage() {
        return serverBinary();
    }

    /** FreeBSD's rc.d name, the prefix of its rc.conf variables ({@code redis_enable}, {@code valkey_profiles}). */
    public String rcName() {
        return yamlName();
    }

    /**
     * A name of Redis's in one of the platform's templates as this server's package names it. Valkey's Debian and FreeBSD
     * packages name every file, directory, user, service and package Redis's do with "valkey" for "redis"
     * ({@code /etc/valkey/valkey.conf}, {@code valkey-server@}, {@code /var/lib/valkey}, user {@code valkey}).
     */
    String rename(String redisTemplate) {
        return this == REDIS ? redisTemplate : redisTemplate.replace(REDIS.yamlName(), yamlName());
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Server::yamlName).toList();
    }

    public static Optional<Server> fromYaml(String text) {
        for (Server s : values()) {
            if (s.yamlName().equals(text)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
