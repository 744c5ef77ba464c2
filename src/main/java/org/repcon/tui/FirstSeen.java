package org.repcon.tui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;

/**
 * When each finding was first seen, by its id, while it stays: the refresh that first showed it. A finding gone and
 * back is seen anew.
 */
final class FirstSeen {

    private final Map<String, Long> since = new HashMap<>();

    void update(ConsoleView view) {
        if (view.refreshedAt() == 0) return; // no refresh yet: nothing seen
        Set<String> present = new HashSet<>();
        for (FindingRow f : view.findings()) {
            present.add(f.id());
            since.putIfAbsent(f.id(), view.refreshedAt());
        }
        since.keySet().retainAll(present);
    }

    /** Epoch ms of the first refresh that showed it; 0 when unknown. */
    long of(FindingRow f) {
        return since.getOrDefault(f.id(), 0L);
    }
}
