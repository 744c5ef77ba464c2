package org.repcon.setup;

import org.repcon.topology.Host;

/** A step that concerns a host as a whole (packages, directories, boot, the checks at the end), not one file or service. */
abstract class HostStep implements SetupStep {

    final Host host;
    private final StepKind kind;
    private final String title;
    private final String target;

    HostStep(Host host, StepKind kind, String title, String target) {
        this.host = host;
        this.kind = kind;
        this.title = title;
        this.target = target;
    }

    HostStep(Host host, StepKind kind, String title) {
        this(host, kind, title, host.name());
    }

    @Override
    public final Host host() {
        return host;
    }

    @Override
    public final StepKind kind() {
        return kind;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String target() {
        return target;
    }
}
