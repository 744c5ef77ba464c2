package org.repcon.topology;

import java.util.Optional;

/** {@code HOST/NAME}: an instance (or a tunnel, by context) on a named host. */
public record InstanceRef(String host, String name) {

    public static Optional<InstanceRef> parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) return Optional.empty();
        return Optional.of(new InstanceRef(text.substring(0, slash).trim(), text.substring(slash + 1).trim()));
    }

    @Override
    public String toString() {
        return host + "/" + name;
    }
}
