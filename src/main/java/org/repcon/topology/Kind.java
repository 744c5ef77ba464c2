package org.repcon.topology;

import java.util.Locale;
import java.util.Optional;

/** What an instance stores, which decides what may replicate from what. */
public enum Kind {
    /** The local cache ("redis" in the tutorial): never replicated. */
    CACHE,
    BAYES,
    FUZZY;

    /** As a topology file writes it: {@code bayes}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> fromYaml(String text) {
        for (Kind k : values()) {
            if (k.yamlName().equals(text.toLowerCase(Locale.ROOT))) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** The tutorial's instance names imply their kind; other names must say it. */
    public static Optional<Kind> impliedByName(String instanceName) {
        return switch (instanceName) {
            case "redis", "cache" -> Optional.of(CACHE);
            case "bayes" -> Optional.of(BAYES);
            case "fuzzy" -> Optional.of(FUZZY);
            default -> Optional.empty();
        };
    }
}
