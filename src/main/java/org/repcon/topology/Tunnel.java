package org.repcon.topology;

import java.util.Optional;

/**
 * One stunnel service section. A server end (on the master) accepts TLS on {@code accept} and
 * forwards to the local instance {@code to}; a client end (on a replica) accepts plain connections
 * on its loopback {@code accept} port and connects to the server tunnel {@code client}.
 */
public record Tunnel(String host, String name, int accept, Optional<String> to, Optional<TunnelRef> client,
                     Position position) {

    public boolean isServer() {
        return to.isPresent();
    }

    public boolean isClient() {
        return client.isPresent();
    }

    public TunnelRef ref() {
        return new TunnelRef(host, name);
    }
}
