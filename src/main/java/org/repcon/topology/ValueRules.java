package org.repcon.topology;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.syntax.RedisConfQuote;

/**
 * What each kind of topology value may hold, so that it can be written into every file and command it reaches
 * (redis.conf, stunnel, Rspamd, rc.conf, newsyslog/logrotate, shell commands) and read back as meant. Control
 * characters are refused for every value before these rules (see TopologyLoader); these are the rules of
 * meaning. Each returns why a value is refused, or empty.
 */
final class ValueRules {

    /** Path characters every target reads literally: no blank, quote, glob, comment or expansion. */
    private static final Pattern PATH_CHARS = Pattern.compile("[\\p{L}\\p{N}/._+@:,=%-]*");
    private static final String PATH_CHARS_TEXT = "letters, digits and / . _ - + @ : , = %";
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9:][A-Za-z0-9._:%-]*");
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+=-]{0,127}");
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ValueRules() {}

    /**
     * An absolute path (a template: {@code {name}} and {@code {host}} filled in), or, where {@code relative}, one
     * relative to the topology file.
     */
    static Optional<String> path(String value, boolean relative) {
        Optional<String> t = templates(value, "name", "host");
        if (t.isPresent()) return t;
        String plain = TEMPLATE.matcher(value).replaceAll("x");
        if (!relative && !plain.startsWith("/")) return Optional.of("'" + value + "' is not an absolute path (it must start with /)");
        if (!PATH_CHARS.matcher(plain).matches()) return Optional.of("path '" + value + "' may hold only " + PATH_CHARS_TEXT);
        for (String part : plain.split("/")) {
            if (part.equals("..")) return Optional.of("path '" + value + "' must not go up with '..'");
        }
        return Optional.empty();
    }

    /** An RDB file name inside the instance's dir: no directory part. */
    static Optional<String> fileName(String value) {
        Optional<String> t = templates(value, "name", "host");
        if (t.isPresent()) return t;
        String plain = TEMPLATE.matcher(value).replaceAll("x");
        if (plain.isEmpty() || plain.contains("/") || plain.equals(".") || plain.equals("..")) {
            return Optional.of("dbfilename '" + value + "' must be a plain file name inside 'dir' (no '/', not '.' or '..')");
        }
        if (!PATH_CHARS.matcher(plain).matches()) return Optional.of("dbfilename '" + value + "' may hold only " + PATH_CHARS_TEXT);
        return Optional.empty();
    }

    /** A user or group name (chown, stunnel's setuid, ssh's user). */
    static Optional<String> name(String value) {
        return NAME.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not a user or group name (a letter or '_', then letters, digits, '.', '_', '-'; at most 32)");
    }

    /** A host name or IP address. */
    static Optional<String> address(String value) {
        return ADDRESS.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not a host name or IP address");
    }

    /** A Redis bind address: an address, '*', either with Redis's optional-address '-' before it. */
    static Optional<String> bind(String value) {
        String a = value.startsWith("-") ? value.substring(1) : value;
        return a.equals("*") || ADDRESS.matcher(a).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not an address Redis can bind to");
    }

    /** A stunnel PSK identity: a line of the PSK file starts with it and a ':' ends it. */
    static Optional<String> identity(String value) {
        return IDENTITY.matcher(value).matches() ? Optional.empty()
                : Optional.of("psk_identity '" + value + "' may hold only letters, digits and _ . @ + = - (no ':', at most 128)");
    }

    /** A command convention: words run without a shell, placeholders {name}, {host} and {action}. */
    static Optional<String> command(String value) {
        Optional<String> t = templates(value, "name", "host", "action");
        if (t.isPresent()) return t;
        for (String word : value.strip().split(" +")) {
            if (!word.isEmpty() && !COMMAND_WORD.matcher(TEMPLATE.matcher(word).replaceAll("x")).matches()) {
                return Optional.of("command '" + value + "' is run word by word without a shell: each word may hold only"
                        + " letters, digits and _ . / : = @ % + , - (not '" + word + "')");
            }
        }
        return Optional.empty();
    }

    /** A settings value: redis.conf argument text, which Redis must be able to split. */
    static Optional<String> redisArguments(String value) {
        return RedisConfQuote.split(value).isPresent() ? Optional.empty()
                : Optional.of("value '" + value + "' has unbalanced quotes as Redis reads it (a closing quote must end"
                + " a word); quote it as a whole, e.g. '\"a b\"'");
    }

    /** A convention's value, by what it is: a path, the RDB file name, a user or group, or a command. */
    static Optional<String> convention(Convention c, String value) {
        if (value.isEmpty()) {
            return c.optional() ? Optional.empty()
                    : Optional.of("convention '" + c.yamlName() + "' cannot be empty: every host needs " + c.description());
        }
        return switch (c) {
            case DBFILENAME -> fileName(value);
            case STUNNEL_USER, STUNNEL_GROUP, REDIS_USER -> name(value);
            case INSTALL, REDIS_SERVICE, REDIS_ENABLE, STUNNEL_SERVICE, STUNNEL_ENABLE -> command(value);
            default -> path(value, false);
        };
    }

    /** Only the placeholders the value's kind knows. */
    private static Optional<String> templates(String value, String... known) {
        Matcher m = TEMPLATE.matcher(value);
        while (m.find()) {
            if (!java.util.List.of(known).contains(m.group(1))) {
                return Optional.of("'" + value + "' has the unknown placeholder {" + m.group(1) + "}; known: {"
                        + String.join("}, {", known) + "}");
            }
        }
        String rest = m.replaceAll("");
        if (rest.contains("{") || rest.contains("}")) return Optional.of("'" + value + "' has an unmatched '{' or '}'");
        return Optional.empty();
    }
}
