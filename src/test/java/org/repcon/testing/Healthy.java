package org.repcon.testing;

import org.repcon.diagnosis.Severity;
import org.repcon.monitor.Monitor;
import org.repcon.probe.InstanceSample;

/** What the lab tests wait for after a fix or a heal: a verdict on real samples, never on an empty or failed probe. */
public final class Healthy {

    private Healthy() {}

    /** Every instance probed and answering, and no finding above INFO. */
    public static boolean quiet(Monitor.State state) {
        return !state.snapshot().instances().isEmpty()
                && state.snapshot().instances().values().stream().allMatch(InstanceSample::ok)
                && state.findings().stream().allMatch(f -> f.severity() == Severity.INFO);
    }
}
