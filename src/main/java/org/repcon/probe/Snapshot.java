package org.repcon.probe;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TunnelRef;

/**
 * The whole deployment as one refresh saw it: a sample per instance and per tunnel, in topology order.
 * Immutable, so it can be handed to any thread.
 *
 * @param timeMs wall-clock time (ms) the refresh started
 * @param refreshDuration how long the refresh took, waiting included
 */
public record Snapshot(long timeMs, Map<InstanceRef, InstanceSample> instances, Map<TunnelRef, TunnelSample> tunnels,
                       Duration refreshDuration) {

    public Snapshot {
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        tunnels = Collections.unmodifiableMap(new LinkedHashMap<>(tunnels));
    }

    public Optional<InstanceSample> instance(InstanceRef ref) {
        return Optional.ofNullable(instances.get(ref));
    }

    /** The INFO of an instance that answered this refresh. */
    public Optional<Info> info(InstanceRef ref) {
        return instance(ref).filter(InstanceSample::ok).flatMap(InstanceSample::info);
    }

    public Optional<TunnelSample> tunnel(TunnelRef ref) {
        return Optional.ofNullable(tunnels.get(ref));
    }
}
