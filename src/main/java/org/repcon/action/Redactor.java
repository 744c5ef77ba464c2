package org.repcon.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;

/**
 * Scrubs the topology's passwords from any text before it is shown, logged or audited. Secret lines
 * in diffs are masked where they are made; this is the net under everything else.
 */
public final class Redactor {

    static final String HIDDEN = "<hidden>";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Redactor of(Topology topology) {
        List<String> values = new ArrayList<>();
        for (Instance i : topology.instances().toList()) {
            i.password().ifPresent(p -> {
                try {
                    values.add(p.reveal());
                } catch (RepconException e) {
                    // not set: nothing to scrub, and the action that needs it says so
                }
            });
        }
        // Longest first, so a secret containing another is scrubbed whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(values.stream().filter(v -> !v.isEmpty()).distinct().toList());
    }

    public String scrub(String text) {
        String out = text;
        for (String s : secrets) out = out.replace(s, HIDDEN);
        return out;
    }
}
