package org.repcon.probe;

import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Transports;

/**
 * One probe on demand, outside the prober's rhythm: an action asking whether a service answers before
 * and after it acts. The same probes as the console's, so "answers" means the same everywhere.
 */
public final class Probes {

    private Probes() {}

    /** INFO on a fresh connection, closed afterwards. */
    public static InstanceSample instance(Instance instance, Host host, Transports transports, ProbeOptions options) {
        return once(new InstanceProbe(instance, host, transports, options));
    }

    /** A TCP connect to the tunnel end and, on a client end, a PING through it; closed afterwards. */
    public static TunnelSample tunnel(Tunnel tunnel, Host host, Transports transports, ProbeOptions options) {
        return once(new TunnelProbe(tunnel, host, transports, options));
    }

    private static <S extends Sample<S>> S once(Target<?, S> probe) {
        try {
            return probe.probe();
        } finally {
            probe.close();
        }
    }
}
