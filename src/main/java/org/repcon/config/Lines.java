package org.repcon.config;

import java.util.ArrayList;
import java.util.List;

/** Builds a config file from groups of lines separated by one blank line, as the tutorial lays files out. */
final class Lines {

    private final List<List<String>> groups = new ArrayList<>();
    private List<String> current = new ArrayList<>();

    Lines add(String line) {
        current.add(line);
        return this;
    }

    /** Ends the current group; the next line starts a new one after a blank line. */
    Lines blank() {
        if (!current.isEmpty()) groups.add(current);
        current = new ArrayList<>();
        return this;
    }

    String text() {
        blank();
        StringBuilder out = new StringBuilder();
        for (List<String> group : groups) {
            if (out.length() > 0) out.append('\n');
            for (String line : group) out.append(line).append('\n');
        }
        return out.toString();
    }
}
