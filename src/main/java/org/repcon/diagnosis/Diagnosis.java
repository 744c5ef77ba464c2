package org.repcon.diagnosis;

import java.util.List;

/**
 * Pure rules from (topology, snapshot, history, log lines) to findings. No I/O and no clock: "now"
 * is the snapshot's time, so the same input always gives the same findings.
 */
public final class Diagnosis {

    private Diagnosis() {}

    public static List<Finding> run(DiagnosisInput input) {
        Facts facts = new Facts(input);
        Findings out = new Findings();
        // Order matters: link rules look for the tunnel and master findings that explain a down link.
        InstanceRules.apply(facts, out);
        TunnelRules.apply(facts, out);
        LinkRules.apply(facts, out);
        SyncRules.apply(facts, out);
        DatasetRules.apply(facts, out);
        RefusalRules.apply(facts, out);
        RspamdRules.apply(facts, out);
        RoutingRules.apply(facts, out);
        DriftRules.apply(facts, out);
        return out.sorted();
    }
}
