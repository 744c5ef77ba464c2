package org.repcon.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;

/** The input, asked the questions every rule asks. */
final class Facts {

    final DiagnosisInput in;
    final Topology topology;
    final Thresholds limits;

    Facts(DiagnosisInput in) {
        this.in = in;
        this.topology = in.topology();
        this.limits = in.thresholds();
    }

    Optional<InstanceSample> sample(Instance i) {
        return in.snapshot().instance(i.ref());
    }

    /** INFO of an instance that answered this refresh. */
    Optional<Info> info(Instance i) {
        return sample(i).filter(InstanceSample::ok).flatMap(InstanceSample::info);
    }

    boolean status(Instance i, InstanceSample.Status status) {
        return sample(i).map(s -> s.status() == status).orElse(false);
    }

    Optional<TunnelSample> tunnel(Tunnel t) {
        return in.snapshot().tunnel(t.ref());
    }

    InstanceHistory history(Instance i) {
        return in.history().apply(i.ref());
    }

    List<String> log(Instance i) {
        return in.log(i.ref());
    }

    /** A host's clock may run a little ahead of this one's: its newest lines still count. */
    private static final long CLOCK_SKEW_MS = 60_000;

    /** The instance's log lines of {@code wanted} stamped within the event window: recent events, even ended ones. */
    List<String> recentLog(Instance i, LogPatterns.Meaning... wanted) {
        return LogPatterns.stampedWithin(log(i), now() - limits.eventWindow().toMillis(), now() + CLOCK_SKEW_MS,
                in.logZone(), wanted);
    }

    long now() {
        return in.snapshot().timeMs();
    }

    /** The event window as the evidence says it: "2 min", "30 s". */
    String window() {
        long minutes = limits.eventWindow().toMinutes();
        return minutes > 0 ? minutes + " min" : limits.eventWindow().toSeconds() + " s";
    }

    static String field(Info info, String name) {
        return name + ":" + info.string(name).orElse("?");
    }

    static OptionalLong lng(Info info, String name) {
        return info.longValue(name);
    }
}
