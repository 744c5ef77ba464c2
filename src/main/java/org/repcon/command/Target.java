package org.repcon.command;

import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;

/** What a command acts on, resolved in the topology: a host, an instance, or a tunnel. */
public sealed interface Target {

    Host host();

    /** As it is typed and as findings name it: {@code replica1}, {@code replica1/bayes}, {@code replica1/tunnel/bayes}. */
    String key();

    record OfHost(Host host) implements Target {
        @Override
        public String key() {
            return host.name();
        }
    }

    record OfInstance(Host host, Instance instance) implements Target {
        @Override
        public String key() {
            return host.name() + "/" + instance.name();
        }
    }

    record OfTunnel(Host host, Tunnel tunnel) implements Target {
        @Override
        public String key() {
            return tunnel.ref().toString();
        }
    }
}
