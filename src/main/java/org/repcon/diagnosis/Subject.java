package org.repcon.diagnosis;

import java.util.Optional;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Tunnel;
import org.repcon.topology.TunnelRef;

/** What a finding is about: a host, an instance on it, or one of its tunnels. */
public record Subject(String host, Optional<String> instance, Optional<String> tunnel) {

    public static Subject of(Instance i) {
        return new Subject(i.host(), Optional.of(i.name()), Optional.empty());
    }

    public static Subject of(Tunnel t) {
        return new Subject(t.host(), Optional.empty(), Optional.of(t.name()));
    }

    public static Subject host(String host) {
        return new Subject(host, Optional.empty(), Optional.empty());
    }

    /** As targets are written in repcon commands: {@code replica/bayes}, {@code replica/tunnel/bayes}, {@code replica}. */
    public String key() {
        return instance.map(i -> new InstanceRef(host, i).toString()).or(() -> tunnel.map(t -> new TunnelRef(host, t).toString())).orElse(host);
    }

    @Override
    public String toString() {
        return key();
    }
}
