package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects findings; a second report of the same code on the same subject adds its evidence to the first. */
final class Findings {

    private record Key(Code code, Subject subject) {}

    private final Map<Key, Finding> byKey = new LinkedHashMap<>();

    /** @param fix the command that mends it; null: none (the code's remedy is the advice) */
    void add(Code code, Severity severity, Subject subject, String summary, Suggestion fix, List<String> evidence) {
        Key key = new Key(code, subject);
        Finding old = byKey.get(key);
        if (old == null) {
            byKey.put(key, new Finding(code, severity, subject, summary, evidence, Optional.ofNullable(fix)));
        } else {
            List<String> merged = new ArrayList<>(old.evidence());
            evidence.stream().filter(e -> !merged.contains(e)).forEach(merged::add);
            Severity worst = severity.compareTo(old.severity()) > 0 ? severity : old.severity();
            byKey.put(key, new Finding(code, worst, subject, old.summary(), merged, old.fix()));
        }
    }

    boolean has(Code code, Subject subject) {
        return byKey.containsKey(new Key(code, subject));
    }

    /** Worst first, then in topology order (the order they were found). */
    List<Finding> sorted() {
        List<Finding> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }
}
