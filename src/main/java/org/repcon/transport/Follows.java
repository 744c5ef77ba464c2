package org.repcon.transport;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The follows a transport has started and not yet closed, so that closing the transport stops them all. */
final class Follows {

    private final Set<Follow> live = ConcurrentHashMap.newKeySet();

    /** The follow, as one that leaves this set when it is closed. */
    Follow track(Follow follow) {
        Follow tracked = new Follow() {
            @Override
            public boolean running() {
                return follow.running();
            }

            @Override
            public Optional<String> ended() {
                return follow.ended();
            }

            @Override
            public void close() {
                follow.close();
                live.remove(this);
            }
        };
        live.add(tracked);
        return tracked;
    }

    void closeAll() {
        List.copyOf(live).forEach(Follow::close);
    }
}
