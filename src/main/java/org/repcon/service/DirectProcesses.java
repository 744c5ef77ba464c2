package org.repcon.service;

import org.repcon.topology.Host;
import org.repcon.topology.Instance;

/**
 * The daemons of a self-managed deployment (the lab): how each instance is run, and the one process
 * per host that carries all its tunnels. Whoever runs the deployment says (the lab does).
 */
public interface DirectProcesses {

    DirectProcess instance(Instance instance);

    /** The host's tunnel process (stunnel, or the lab's plain relay): one for all its tunnels. */
    DirectProcess tunnels(Host host);
}
